/**
 * Markets and the legal minimums they carry, as data. A country (ISO 3166 alpha-2, from the
 * order's shipping address) maps to a market: 'EU' for the 27 member states and the EEA
 * states that apply the Consumer Rights Directive (IS, LI, NO), 'GB', 'US', else the country
 * itself. A market with a legal minimum gets it whatever the shop's policy says (decide.ts).
 *
 * The legal exclusions (art. 16 of the Directive: made-to-measure, perishable, sealed
 * hygiene goods or media once unsealed) are exclusions.ts, applied to what the shop marks.
 * Northern Ireland (XI) and the outermost regions follow their country code as given.
 */

export const EU_COUNTRIES = [
	'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
	'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'
] as const; // prettier-ignore
export const EEA_COUNTRIES = ['IS', 'LI', 'NO'] as const;

/** The market of a shipping country; null when the order has no country. */
export function marketOf(country: string | null | undefined): string | null {
	if (!country) return null;
	const c = country.trim().toUpperCase();
	if (c === 'EL') return 'EU'; // the EU's own code for Greece
	if ((EU_COUNTRIES as readonly string[]).includes(c)) return 'EU';
	if ((EEA_COUNTRIES as readonly string[]).includes(c)) return 'EU';
	if (c === 'UK') return 'GB';
	return c;
}

/** A statutory right to withdraw from a distance sale, as the engine applies it. */
export type LegalMinimum = {
	market: string;
	/** In plain words, for explanations: "the EU 14-day right of withdrawal". */
	name: string;
	days: number;
	/** Counted from delivery of the LAST item of the order (EU art. 9(2)(b)). */
	from: 'last_delivery';
	refundTo: 'original_payment';
	/** Days the shop has to pay back (EU art. 13(1)). */
	refundWithinDays: number;
	/** The original standard delivery is refunded when the whole order is withdrawn. */
	refundsStandardDelivery: 'whole_order';
	/** No approval step and no restocking fee within the period. */
	approvalStep: false;
	restockingFee: false;
	/** The customer may bear the direct cost of return when told so before the sale. */
	customerMayPayReturnShipping: true;
	/** The shop may deduct for loss in value from handling beyond what was necessary. */
	deductForDiminishedValue: true;
	citation: string;
};

const EU: LegalMinimum = {
	market: 'EU',
	name: 'EU 14-day right of withdrawal',
	days: 14,
	from: 'last_delivery',
	refundTo: 'original_payment',
	refundWithinDays: 14,
	refundsStandardDelivery: 'whole_order',
	approvalStep: false,
	restockingFee: false,
	customerMayPayReturnShipping: true,
	deductForDiminishedValue: true,
	citation:
		'Directive 2011/83/EU on consumer rights, art. 9 (14 days from physical possession of the last good), art. 13 (reimbursement incl. standard delivery within 14 days, same means of payment), art. 14 (direct cost of return, diminished value)'
};

const GB: LegalMinimum = {
	...EU,
	market: 'GB',
	name: 'UK 14-day cancellation right',
	citation:
		'Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013, regs. 29-31 (14 days from possession of the last goods), 34 (reimbursement incl. standard delivery within 14 days), 35 (cost of return, diminished value)'
};

export const LEGAL_MINIMUMS: Readonly<Record<string, LegalMinimum>> = { EU, GB };

export function legalMinimumOf(market: string | null): LegalMinimum | null {
	return (market && LEGAL_MINIMUMS[market]) || null;
}
