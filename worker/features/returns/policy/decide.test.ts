import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decideReturn, decideReturnLine, ruleFor, type LineInput } from './decide';
import { DEFAULT_RETURN_POLICY } from './default-policy';
import { ReturnPolicy } from './document';
import { DAY } from './window';

const NOW = Date.UTC(2026, 10, 29, 12, 0); // 29 Nov 2026, noon UTC
const daysAgo = (n: number) => NOW - n * DAY;

const policy = v.parse(ReturnPolicy, {
	name: 'Test',
	rules: [
		{ label: 'Standard', windowDays: 30, acceptedConditions: ['new'], allowedOutcomes: ['refund', 'store_credit', 'keep_item'], keepItemBelowMinor: 500 },
		{ label: 'Footwear', scope: { category: 'Footwear' }, windowDays: 30, acceptedConditions: ['new'], allowedOutcomes: ['refund'] },
		{ label: 'US', scope: { market: 'US' }, windowDays: 60, acceptedConditions: ['new'], allowedOutcomes: ['refund'] },
		{ label: 'Short', scope: { category: 'Short' }, windowDays: 7, acceptedConditions: ['new'], allowedOutcomes: ['store_credit'] },
		{ label: 'Boot X', scope: { productId: 'boot-x' }, windowDays: 90, acceptedConditions: ['new'], allowedOutcomes: ['refund'] },
		{ label: 'Footwear again', scope: { category: 'footwear' }, windowDays: 20, acceptedConditions: ['new'], allowedOutcomes: ['refund'] },
		{ label: 'Clearance', scope: { category: 'Clearance' }, windowDays: 30, finalSale: true, acceptedConditions: ['new'], allowedOutcomes: ['store_credit'] },
		{ label: 'Fee %', scope: { category: 'FeePct' }, windowDays: 30, acceptedConditions: ['new'], allowedOutcomes: ['refund'], restockingFee: { kind: 'percent', value: 15 } },
		{ label: 'Fee fixed', scope: { category: 'FeeFixed' }, windowDays: 30, acceptedConditions: ['new'], allowedOutcomes: ['refund'], restockingFee: { kind: 'fixed', value: 250 }, returnShipping: { default: 'customer', byReason: { wrong_item: 'shop' } } }
	],
	holidayExtensions: [{ label: 'Holiday gifts', placedFrom: '2025-11-15', placedTo: '2025-12-24', returnBy: '2026-01-31' }]
}); // prettier-ignore

function input(over: {
	line?: Partial<LineInput['line']>;
	order?: Partial<LineInput['order']>;
	reason?: Partial<LineInput['reason']>;
	now?: number;
	policy?: LineInput['policy'];
	condition?: LineInput['condition'];
}): LineInput {
	return {
		policy: over.policy ?? policy,
		policyVersion: 3,
		line: { orderLine: 'l1', productId: 'p1', sku: 'SKU-1', name: 'Thing', category: null, quantity: 2, unitNetMinor: 2000, ...over.line },
		order: { placedAt: daysAgo(20), shippedAt: daysAgo(15), deliveredAt: daysAgo(10), lastDeliveredAt: daysAgo(10), country: 'CA', shippingMinor: 495, ...over.order },
		reason: { code: 'changed_mind', ...over.reason },
		condition: over.condition,
		now: over.now ?? NOW
	}; // prettier-ignore
}
const decide = (over: Parameters<typeof input>[0] = {}) => decideReturnLine(input(over));

describe('which rule applies', () => {
	const facts = { market: 'US', country: 'US', category: 'Footwear', productId: 'p1' };
	it('product beats category beats market beats default', () => {
		expect(ruleFor(policy, { ...facts, productId: 'boot-x' }).label).toBe('Boot X');
		expect(ruleFor(policy, facts).label).toBe('Footwear again');
		expect(ruleFor(policy, { ...facts, category: null }).label).toBe('US');
		expect(ruleFor(policy, { ...facts, market: 'EU', country: 'DE', category: null }).label).toBe(
			'Standard'
		);
	});

	it('a tie goes to the later rule (category matched without regard to case)', () => {
		const d = decide({ line: { category: 'FOOTWEAR' } });
		expect(d.ruleLabel).toBe('Footwear again');
		expect(d.window.days).toBe(20);
	});

	it('a market rule matches a country code too', () => {
		const p = {
			...policy,
			rules: [...policy.rules, { ...policy.rules[2]!, label: 'Germany', scope: { market: 'DE' } }]
		};
		expect(ruleFor(p, { market: 'EU', country: 'DE', category: null, productId: 'p1' }).label).toBe(
			'Germany'
		);
	});
});

describe('the window', () => {
	it('counts from delivery and explains itself with the numbers', () => {
		const d = decide({ line: { category: 'Footwear' }, order: { deliveredAt: daysAgo(41) } });
		expect(d.eligible).toBe(false);
		expect(d.decidedBy).toBe('policy');
		expect(d.window.from).toBe('delivery');
		expect(d.explanation[0]).toBe(
			'Outside the 20-day window for Footwear again: delivered 41 days ago (deadline 8 Nov).'
		);
		expect(d.reasons).toContain('outside-window');
		expect(d.refundMinor).toBe(0);
		expect(d.outcomes).toEqual([]);
	});

	it('falls back to shipment when there is no delivery scan, and says so', () => {
		const d = decide({
			order: { deliveredAt: null, lastDeliveredAt: null, shippedAt: daysAgo(31) }
		});
		expect(d.window).toMatchObject({ from: 'shipment', fromAt: daysAgo(31) });
		expect(d.eligible).toBe(false);
		expect(d.explanation[0]).toContain(
			'shipped 31 days ago (no delivery scan, so counted from shipment)'
		);
		expect(d.reasons).toContain('counted-from-shipment');
	});

	it('falls back to the order date when nothing was scanned', () => {
		const d = decide({
			order: { deliveredAt: null, lastDeliveredAt: null, shippedAt: null, placedAt: daysAgo(29) }
		});
		expect(d.window).toMatchObject({ from: 'order', fromAt: daysAgo(29) });
		expect(d.eligible).toBe(true);
		expect(d.explanation[0]).toContain('ordered 29 days ago (no delivery or shipment scan');
		expect(d.reasons).toContain('counted-from-order');
	});

	it('accepts ISO times as the database stores them', () => {
		const d = decide({ order: { deliveredAt: new Date(daysAgo(3)).toISOString() } });
		expect(d.window.fromAt).toBe(daysAgo(3));
	});

	it('the deadline is the last millisecond of the last day: inside at it, outside one ms later', () => {
		const deliveredAt = Date.UTC(2026, 9, 1, 15, 30); // 1 Oct; 30 days → 31 Oct 23:59:59.999
		const deadline = Date.UTC(2026, 10, 1) - 1;
		const at = (now: number) => decide({ order: { deliveredAt }, now });
		expect(at(deadline).window.deadline).toBe(deadline);
		expect(at(deadline).eligible).toBe(true);
		expect(at(deadline + 1).eligible).toBe(false);
	});

	it('a holiday extension gives a later deadline to orders placed in its range', () => {
		const now = Date.UTC(2026, 0, 20);
		const inRange = decide({
			now,
			order: { placedAt: Date.UTC(2025, 11, 2), deliveredAt: Date.UTC(2025, 11, 5) }
		});
		expect(inRange.eligible).toBe(true);
		expect(inRange.window.deadline).toBe(Date.UTC(2026, 1, 1) - 1);
		expect(inRange.explanation.join(' ')).toContain(
			"Holiday gifts: the order's date gives a later deadline, 31 Jan."
		);
		const before = decide({
			now,
			order: { placedAt: Date.UTC(2025, 10, 14), deliveredAt: Date.UTC(2025, 11, 5) }
		});
		expect(before.eligible).toBe(false);
		expect(before.reasons).not.toContain('holiday-extension');
	});

	it('the later deadline wins: a long window is not shortened by the extension', () => {
		const now = Date.UTC(2026, 0, 20);
		const d = decide({
			now,
			line: { productId: 'boot-x' },
			order: { placedAt: Date.UTC(2025, 11, 20), deliveredAt: Date.UTC(2025, 11, 22) }
		});
		expect(d.window.extension).toBeNull();
		expect(d.window.deadline).toBe(Date.UTC(2026, 2, 23) - 1); // 22 Dec + 90 days
	});

	it('the default policy repeats its holiday extension every year', () => {
		const now = Date.UTC(2028, 0, 25);
		const d = decide({
			now,
			policy: DEFAULT_RETURN_POLICY,
			order: { placedAt: Date.UTC(2027, 11, 1), deliveredAt: Date.UTC(2027, 11, 3) }
		});
		expect(d.eligible).toBe(true);
		expect(d.window.deadline).toBe(Date.UTC(2028, 1, 1) - 1);
	});
});

describe('final sale, faults and fees', () => {
	it('final sale refuses a return within the window', () => {
		const d = decide({ line: { category: 'Clearance' } });
		expect(d.eligible).toBe(false);
		expect(d.explanation).toContain(
			"Final sale (Clearance): not returnable under the shop's rules."
		);
		expect(decide({ line: { finalSale: true } }).eligible).toBe(false);
	});

	it('a defective final-sale item is still a claim, and says so', () => {
		const d = decide({
			line: { category: 'Clearance' },
			reason: { code: 'broken', defective: true }
		});
		expect(d).toMatchObject({
			eligible: true,
			claim: true,
			decidedBy: 'policy',
			refundMinor: 4000
		});
		expect(d.explanation.join(' ')).toContain('a faulty item is always at least a claim');
		expect(d.customerPaysReturnShipping).toBe(false);
	});

	it('a percentage fee comes off the line net', () => {
		const d = decide({ line: { category: 'FeePct', quantity: 3, unitNetMinor: 1999 } });
		expect(d.lineNetMinor).toBe(5997);
		expect(d.feeMinor).toBe(900); // 15% of 59.97 = 8.9955 → 9.00
		expect(d.refundMinor).toBe(5097);
		expect(d.explanation).toContain('A 15% restocking fee of 9.00 applies.');
	});

	it('a fixed fee is per unit and never takes the refund below zero', () => {
		expect(decide({ line: { category: 'FeeFixed', quantity: 2 } }).feeMinor).toBe(500);
		const cheap = decide({ line: { category: 'FeeFixed', quantity: 1, unitNetMinor: 100 } });
		expect(cheap.feeMinor).toBe(100);
		expect(cheap.refundMinor).toBe(0);
	});

	it('a defective or damaged-on-arrival reason waives the fee and the shop pays the parcel', () => {
		for (const reason of [{ defective: true }, { damagedOnArrival: true }]) {
			const d = decide({ line: { category: 'FeePct' }, reason });
			expect(d.feeMinor).toBe(0);
			expect(d.refundMinor).toBe(4000);
			expect(d.customerPaysReturnShipping).toBe(false);
			expect(d.reasons).toContain('fee-waived-faulty');
		}
	});

	it('return shipping follows the reason code, then the default', () => {
		expect(decide({ line: { category: 'FeeFixed' } }).customerPaysReturnShipping).toBe(true);
		expect(
			decide({ line: { category: 'FeeFixed' }, reason: { code: 'wrong_item' } })
				.customerPaysReturnShipping
		).toBe(false);
		expect(decide({ reason: { shopFault: true } }).customerPaysReturnShipping).toBe(false);
	});

	it('keep-the-item only below the value threshold', () => {
		const cheap = decide({ line: { quantity: 2, unitNetMinor: 249 } });
		expect(cheap.keepItemAllowed).toBe(true);
		expect(cheap.outcomes).toEqual(['refund', 'store_credit', 'keep_item']);
		expect(cheap.waitsForInspection).toEqual({
			refund: true,
			store_credit: true,
			keep_item: false
		});
		expect(cheap.explanation.join(' ')).toContain('Worth 4.98, below the 5.00 keep-the-item limit');
		const dear = decide({ line: { quantity: 2, unitNetMinor: 250 } });
		expect(dear.keepItemAllowed).toBe(false);
		expect(dear.outcomes).toEqual(['refund', 'store_credit']);
	});

	it('refuses a quantity below one and says nothing decided it', () => {
		const d = decide({ line: { quantity: 0 } });
		expect(d).toMatchObject({ eligible: false, decidedBy: 'none', refundMinor: 0 });
	});
});

describe('the law wins', () => {
	const eu = { country: 'DE', deliveredAt: daysAgo(3), lastDeliveredAt: daysAgo(3) };

	it('the EU right of withdrawal beats a 7-day window', () => {
		const d = decide({
			line: { category: 'Short' },
			order: { ...eu, deliveredAt: daysAgo(10), lastDeliveredAt: daysAgo(10) }
		});
		expect(d).toMatchObject({ eligible: true, decidedBy: 'law', refundMinor: 4000, feeMinor: 0 });
		expect(d.explanation).toContain(
			"Within the EU 14-day right of withdrawal (delivered 10 days ago): the law allows this return whatever the shop's rules say."
		);
		expect(d.reasons).toEqual(
			expect.arrayContaining([
				'outside-window',
				'law-withdrawal',
				'policy-would-refuse',
				'refund-required-by-law'
			])
		);
		expect(d.outcomes).toEqual(['refund', 'store_credit']);
		expect(d.legal?.citation).toContain('2011/83/EU');
	});

	it('beats final sale and a restocking fee', () => {
		expect(decide({ line: { category: 'Clearance' }, order: eu })).toMatchObject({
			eligible: true,
			decidedBy: 'law'
		});
		const fee = decide({ line: { category: 'FeePct' }, order: eu });
		expect(fee).toMatchObject({ feeMinor: 0, refundMinor: 4000 });
		expect(fee.reasons).toContain('fee-waived-law');
	});

	it('counts from delivery of the last item of the order', () => {
		const d = decide({
			line: { category: 'Short' },
			order: { country: 'FR', deliveredAt: daysAgo(20), lastDeliveredAt: daysAgo(12) }
		});
		expect(d.decidedBy).toBe('law');
		expect(d.legal?.deadline).toBe(NOW - 12 * DAY - (NOW % DAY) + 15 * DAY - 1);
	});

	it('applies to GB and the EEA, and ends after 14 days', () => {
		expect(
			decide({ line: { category: 'Clearance' }, order: { ...eu, country: 'GB' } }).decidedBy
		).toBe('law');
		expect(
			decide({ line: { category: 'Clearance' }, order: { ...eu, country: 'NO' } }).decidedBy
		).toBe('law');
		const late = decide({
			line: { category: 'Short' },
			order: { ...eu, deliveredAt: daysAgo(15), lastDeliveredAt: daysAgo(15) }
		});
		expect(late).toMatchObject({ eligible: false, decidedBy: 'policy' });
		expect(late.reasons).toContain('law-period-over');
	});

	it('does not apply to a US order', () => {
		const d = decide({
			line: { category: 'Clearance' },
			order: { country: 'US', deliveredAt: daysAgo(3) }
		});
		expect(d).toMatchObject({ eligible: false, decidedBy: 'policy', legal: null });
		expect(d.explanation.join(' ')).not.toContain('law');
	});
});

describe('more edges', () => {
	it('inside the legal period the law decides even when the policy would allow it too', () => {
		const d = decide({
			order: { country: 'IE', deliveredAt: daysAgo(2), lastDeliveredAt: daysAgo(2) }
		});
		expect(d).toMatchObject({ eligible: true, decidedBy: 'law', claim: false });
		expect(d.reasons).toContain('within-window');
		expect(d.reasons).not.toContain('policy-would-refuse');
	});

	it('a defective item outside the window is accepted as a claim', () => {
		const d = decide({
			order: { deliveredAt: daysAgo(200) },
			reason: { code: 'broken', defective: true }
		});
		expect(d).toMatchObject({ eligible: true, claim: true, feeMinor: 0, refundMinor: 4000 });
		expect(d.explanation.join(' ')).toContain('Reported defective');
	});

	it('no country, no market and no law', () => {
		const d = decide({ line: { category: 'Clearance' }, order: { country: null } });
		expect(d).toMatchObject({ eligible: false, legal: null });
	});

	it('the legal period falls back to shipment without a delivery scan, and says so', () => {
		const d = decide({
			line: { category: 'Short' },
			order: { country: 'ES', deliveredAt: null, lastDeliveredAt: null, shippedAt: daysAgo(9) }
		});
		expect(d.decidedBy).toBe('law');
		expect(d.explanation.join(' ')).toContain(
			'(shipped 9 days ago; no delivery scan, so counted from shipment)'
		);
	});

	it('a yearly extension may span new year (placed 3 Jan in a 20 Dec to 5 Jan range)', () => {
		const p = {
			...policy,
			holidayExtensions: [
				{ label: 'New year', placedFrom: '--12-20', placedTo: '--01-05', returnBy: '--02-15' }
			]
		};
		const now = Date.UTC(2027, 1, 10);
		const d = decide({
			policy: p,
			now,
			order: { placedAt: Date.UTC(2027, 0, 3), deliveredAt: Date.UTC(2027, 0, 4) }
		});
		expect(d.window.extension).toBe('New year');
		expect(d.window.deadline).toBe(Date.UTC(2027, 1, 16) - 1);
		expect(d.eligible).toBe(true);
	});

	it('an outcome the rule does not list waits for inspection; keep-the-item never does', () => {
		const d = decide({ line: { unitNetMinor: 100, quantity: 1 } });
		expect(d.waitsForInspection).toEqual({ refund: true, store_credit: true, keep_item: false });
		const shoes = decide({ policy: DEFAULT_RETURN_POLICY, line: { category: 'Apparel' } });
		expect(shoes.waitsForInspection).toMatchObject({
			refund: true,
			store_credit: false,
			exchange: false
		});
	});
});

describe('decideReturn', () => {
	const order = {
		shippingMinor: 995,
		standardShippingMinor: 495,
		lines: [
			{ orderLine: 'l1', quantity: 2 },
			{ orderLine: 'l2', quantity: 1 }
		]
	};
	const eu = { country: 'DE', deliveredAt: daysAgo(3), lastDeliveredAt: daysAgo(3) };
	const both = (o: Partial<LineInput['order']>, q1 = 2) => [
		decide({ order: o, line: { quantity: q1 } }),
		decide({ order: o, line: { orderLine: 'l2', quantity: 1, unitNetMinor: 1000 } })
	];

	it('the law refunds the standard delivery when the whole order is withdrawn', () => {
		const r = decideReturn({ policy, order, lines: both(eu) });
		expect(r).toMatchObject({
			wholeOrder: true,
			shippingRefundedBy: 'law',
			shippingRefundMinor: 495,
			linesRefundMinor: 5000,
			totalRefundMinor: 5495
		});
	});

	it('one parcel: the shop pays it when it pays for any line', () => {
		const lines = [
			decide({}),
			decide({ line: { orderLine: 'l2' }, reason: { damagedOnArrival: true } })
		];
		expect(decideReturn({ policy, order, lines }).customerPaysReturnShipping).toBe(false);
		expect(decideReturn({ policy, order, lines: [decide({})] }).customerPaysReturnShipping).toBe(
			true
		);
	});

	it('no shipping back for part of the order, or without the law or the policy flag', () => {
		expect(decideReturn({ policy, order, lines: both(eu, 1) })).toMatchObject({
			wholeOrder: false,
			shippingRefundMinor: 0
		});
		expect(decideReturn({ policy, order, lines: both({}) })).toMatchObject({
			wholeOrder: true,
			shippingRefundMinor: 0
		});
		const generous = { ...policy, refundShippingOnFullReturn: true };
		expect(decideReturn({ policy: generous, order, lines: both(eu, 1) }).shippingRefundMinor).toBe(
			0
		);
		expect(decideReturn({ policy: generous, order, lines: both({}) })).toMatchObject({
			shippingRefundedBy: 'policy',
			shippingRefundMinor: 995
		});
	});
});
