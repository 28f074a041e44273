/**
 * The return policy document a manager edits (`settings.manage`), stored later as versioned
 * rows; a return keeps the version it was authorised under. Pure data + its valibot schema:
 * decide.ts reads it, nothing here touches a database.
 *
 * Shape: `rules` (one with an empty scope is the default, required so every item is
 * covered; the most specific matching rule wins, see decide.ts `ruleFor`), `holidayExtensions`
 * (orders placed in a date range get a later deadline; `--MM-DD` repeats every year), and
 * `refundShippingOnFullReturn`. Money is integer minor units; dates are UTC calendar days.
 * Reason codes are the caller's (a managed list elsewhere); rules refer to them by code.
 *
 * `parseReturnPolicy` turns schema issues into sentences a manager can act on
 * ("Rule 2 (Footwear): the return window cannot be negative ...").
 */
import * as v from 'valibot';
import { freeText } from '../../../core/free-text';
import { LEGAL_EXCLUSION_KINDS } from './exclusions';

export const RETURN_CONDITIONS = ['new', 'opened', 'damaged', 'defective', 'empty_box'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];
export const RETURN_OUTCOMES = ['refund', 'store_credit', 'exchange', 'keep_item'] as const;
export type ReturnOutcome = (typeof RETURN_OUTCOMES)[number];
export const SHIPPING_PAYERS = ['shop', 'customer'] as const;

const Minor = v.pipe(
	v.number('Use an amount in minor units (pence, cents)'),
	v.integer('Use whole minor units (pence, cents)'),
	v.minValue(0, 'Use 0 or more'),
	v.maxValue(100_000_000, 'Use at most 100000000 minor units')
);
const Percent = v.pipe(
	v.number('Use a percentage'),
	v.minValue(0, 'A percentage cannot be negative'),
	v.maxValue(100, 'A percentage cannot be more than 100')
);
const Condition = v.picklist(
	RETURN_CONDITIONS,
	(i) => `Unknown condition "${String(i.input)}": use new, opened, damaged, defective or empty_box`
);
const Outcome = v.picklist(
	RETURN_OUTCOMES,
	(i) => `Unknown outcome "${String(i.input)}": use refund, store_credit, exchange or keep_item`
);
const Payer = v.picklist(SHIPPING_PAYERS, 'Use shop or customer');
/** Hierarchical codes welcome: `damaged`, `damaged.in_transit`, `fit/too_small`. */
const ReasonCode = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9_./:-]{1,64}$/, 'Use a reason code (letters, digits, _ . / : -)')
);

/** `2026-11-15` once, or `--11-15` every year (ISO 8601 month-day). */
const IsoDay = v.pipe(
	v.string(),
	v.check(
		(s) => parseDay(s, 2000) !== null,
		'Use a date like 2026-11-15, or --11-15 for every year'
	)
);

const Scope = v.object({
	/** A market code (EU, GB, US) or a country code (DE): see markets.ts. */
	market: v.optional(
		v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'Use a market or country code, e.g. EU, GB, DE'))
	),
	category: v.optional(freeText(80, 1)),
	productId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64)))
});

const RestockingFee = v.variant(
	'kind',
	[
		v.object({
			kind: v.literal('percent'),
			value: Percent,
			conditions: v.optional(v.array(Condition))
		}),
		v.object({ kind: v.literal('fixed'), value: Minor, conditions: v.optional(v.array(Condition)) })
	],
	'A restocking fee is { kind: "percent" | "fixed", value }'
);

const Rule = v.pipe(
	v.object({
		label: freeText(80, 1),
		scope: v.optional(Scope, {}),
		windowDays: v.pipe(
			v.number('Give the return window in days'),
			v.integer('Give the return window in whole days'),
			v.minValue(0, 'The return window cannot be negative: use 0 days for no returns'),
			v.maxValue(3650, 'The return window can be at most 3650 days')
		),
		finalSale: v.optional(v.boolean(), false),
		acceptedConditions: v.pipe(
			v.array(Condition),
			v.minLength(1, 'Accept at least one condition (usually new)')
		),
		/** Charged per line (`fixed` per unit) unless the reason is defective or damaged on
		 *  arrival, or the law applies. `conditions`: only when inspection finds one of them. */
		restockingFee: v.optional(v.nullable(RestockingFee), null),
		returnShipping: v.optional(
			v.object({ default: Payer, byReason: v.optional(v.record(ReasonCode, Payer), {}) }),
			{ default: 'customer', byReason: {} }
		),
		allowedOutcomes: v.pipe(
			v.array(Outcome),
			v.minLength(1, 'Allow at least one outcome (refund, store_credit, exchange or keep_item)')
		),
		/** Whether an outcome waits for receipt and inspection; an outcome left out waits. */
		waitForInspection: v.optional(v.record(v.string(), v.boolean()), {}),
		/** Keep the item (no return) when the line is worth less than this; null: never. */
		keepItemBelowMinor: v.optional(v.nullable(Minor), null),
		/** A grade outside acceptedConditions refunds this percentage; absent: rejected. */
		gradeRefundPercent: v.optional(v.record(v.string(), Percent), {})
	}),
	v.check(
		(r) => Object.keys(r.waitForInspection).every((k) => isOneOf(k, RETURN_OUTCOMES)),
		'waitForInspection names an unknown outcome: use refund, store_credit, exchange or keep_item'
	),
	v.check(
		(r) => Object.keys(r.gradeRefundPercent).every((k) => isOneOf(k, RETURN_CONDITIONS)),
		'gradeRefundPercent names an unknown condition: use new, opened, damaged, defective or empty_box'
	)
);
export type ReturnRule = v.InferOutput<typeof Rule>;

const HolidayExtension = v.pipe(
	v.object({
		label: v.optional(freeText(80, 1), 'Holiday extension'),
		placedFrom: IsoDay,
		placedTo: IsoDay,
		returnBy: IsoDay
	}),
	v.check(
		(h) => (h.placedFrom.startsWith('--') ? 1 : 0) === (h.placedTo.startsWith('--') ? 1 : 0),
		'Give placedFrom and placedTo both with a year, or both as --MM-DD'
	),
	v.check(
		(h) => h.placedFrom.startsWith('--') || h.placedFrom <= h.placedTo,
		'placedFrom must be on or before placedTo'
	),
	v.check(
		(h) => h.placedFrom.startsWith('--') || h.returnBy.startsWith('--') || h.returnBy >= h.placedTo,
		'returnBy must be on or after placedTo'
	)
);
export type HolidayExtension = v.InferOutput<typeof HolidayExtension>;

/**
 * A product or category the shop marks as legally excluded from withdrawal (exclusions.ts):
 * the law then does not require the return, the rule for the item still decides.
 */
const LegalExclusion = v.pipe(
	v.object({
		kind: v.picklist(
			LEGAL_EXCLUSION_KINDS,
			(i) =>
				`Unknown legal exclusion "${String(i.input)}": use sealed_hygiene, personalised, perishable or sealed_media`
		),
		category: v.optional(freeText(80, 1)),
		productId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64)))
	}),
	v.check((e) => Boolean(e.category || e.productId), 'Name the category or the product it covers')
);
export type LegalExclusion = v.InferOutput<typeof LegalExclusion>;

export const ReturnPolicy = v.pipe(
	v.object({
		name: freeText(120, 1),
		rules: v.pipe(v.array(Rule), v.minLength(1, 'Add at least one rule')),
		holidayExtensions: v.optional(v.array(HolidayExtension), []),
		/** Refund the order's shipping when every line comes back (the law may require it anyway). */
		refundShippingOnFullReturn: v.optional(v.boolean(), false),
		/** Products and categories the law's withdrawal right does not cover (a product wins). */
		legalExclusions: v.optional(v.array(LegalExclusion), [])
	}),
	v.check(
		(p) => p.rules.some((r) => !r.scope.market && !r.scope.category && !r.scope.productId),
		'Add a default rule (one with no market, category or product) so every item is covered'
	)
);
export type ReturnPolicy = v.InferOutput<typeof ReturnPolicy>;
/** The name other features import. */
export const returnPolicySchema = ReturnPolicy;

export type ParsedPolicy = { ok: true; policy: ReturnPolicy } | { ok: false; problems: string[] };

/** Validates a document and words each problem with where it is ("Rule 2 (Footwear): ..."). */
export function parseReturnPolicy(doc: unknown): ParsedPolicy {
	const result = v.safeParse(ReturnPolicy, doc);
	if (result.success) return { ok: true, policy: result.output };
	return { ok: false, problems: result.issues.map((issue) => wordIssue(doc, issue)) };
}

function wordIssue(doc: unknown, issue: v.BaseIssue<unknown>): string {
	const path = issue.path ?? [];
	const [top, index, ...rest] = path.map((p) => p.key);
	let where = '';
	if (top === 'legalExclusions' && typeof index === 'number') {
		where = `Legal exclusion ${index + 1}${rest.length ? `, ${rest.join('.')}` : ''}`;
	} else if ((top === 'rules' || top === 'holidayExtensions') && typeof index === 'number') {
		const item = (doc as Record<string, { label?: unknown }[]>)[top]?.[index];
		const label = typeof item?.label === 'string' ? ` (${item.label})` : '';
		where = `${top === 'rules' ? 'Rule' : 'Holiday extension'} ${index + 1}${label}`;
		if (rest.length) where += `, ${rest.join('.')}`;
	} else if (top !== undefined) where = path.map((p) => p.key).join('.');
	return where ? `${where}: ${issue.message}` : issue.message;
}

function isOneOf<T extends string>(s: string, list: readonly T[]): s is T {
	return (list as readonly string[]).includes(s);
}

/**
 * A UTC calendar day as ms at 00:00, or null when not a real date. `--MM-DD` takes `year`.
 * Shared with decide.ts so the schema and the engine read dates the same way.
 */
export function parseDay(s: string, year: number): number | null {
	const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return null;
	const y = m[1] === '-' ? year : Number(m[1]);
	const mo = Number(m[2]) - 1;
	const d = Number(m[3]);
	const at = Date.UTC(y, mo, d);
	const back = new Date(at);
	if (back.getUTCMonth() !== mo || back.getUTCDate() !== d) return null;
	return at;
}
