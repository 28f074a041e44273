import * as v from 'valibot';

export const SignalParams = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

export const ReturnSignal = v.object({
	code: v.picklist([
		'return_rate',
		'unexpected_items',
		'late_wear_prone',
		'not_received_claims',
		'keep_item'
	]),
	severity: v.picklist(['info', 'warn', 'manager']),
	/** One or two sentences with the numbers, for the rep to read before authorising. */
	words: v.string(),
	evidence: v.array(v.object({ label: v.string(), href: v.string() }))
});

export const ReturnSignals = v.object({
	customerId: v.string(),
	windowDays: v.number(),
	/** A flag asks for a manager: the return still goes ahead with one's approval. */
	needsManager: v.boolean(),
	flags: v.array(ReturnSignal)
});
export type ReturnSignals = v.InferOutput<typeof ReturnSignals>;
