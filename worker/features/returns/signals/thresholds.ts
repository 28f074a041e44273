import * as v from 'valibot';

// The thresholds of the return-abuse signals: the settings key `returns.signals` holds
// them (a missing key, or a missing field, means the defaults below). Flags inform and
// can ask for a manager; they never block a return (the law's right of withdrawal wins).

export const SIGNALS_KEY = 'returns.signals';

export const SignalThresholds = v.object({
	/** The look-back window of every signal, in days. */
	windowDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(730)), 90),
	rate: v.optional(
		v.object({
			/** Too few units bought says nothing: below this the rate is not judged. */
			minUnits: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 2),
			/** Units returned ÷ units bought, in percent: warn, then ask a manager. */
			warnPct: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100)), 40),
			managerPct: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100)), 70)
		}),
		{}
	),
	/** Returns that brought back items that were not on them (or not from the order). */
	unexpectedItems: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1),
	wearProne: v.optional(
		v.object({
			/** Product categories worn once and sent back (products.category, as written). */
			categories: v.optional(v.array(v.string()), ['Apparel', 'Footwear']),
			/** The return window the returns are measured against, days after delivery. */
			policyWindowDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 30),
			/** "Just inside": in the last this-many days of that window. */
			lastDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 2),
			minReturns: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 2)
		}),
		{}
	),
	/** Lost-parcel and missing-item claims ("not received"). */
	notReceivedClaims: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 2),
	/** Keep-the-item outcomes (refund or credit with nothing sent back). */
	keepItem: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 2)
});
export type SignalThresholds = v.InferOutput<typeof SignalThresholds>;

/** The stored value over the defaults; an unreadable value falls back to the defaults. */
export function thresholdsFrom(stored: unknown): SignalThresholds {
	const parsed = v.safeParse(SignalThresholds, stored ?? {});
	return parsed.success ? parsed.output : v.parse(SignalThresholds, {});
}
