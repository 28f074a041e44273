import * as v from 'valibot';

export const Health = v.object({
	status: v.picklist(['ok', 'degraded']),
	version: v.string(),
	database: v.object({
		reachable: v.boolean(),
		level: v.nullable(v.string()),
		pending: v.array(v.string())
	})
});
export type Health = v.InferOutput<typeof Health>;
