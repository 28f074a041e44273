import * as v from 'valibot';

/** The most items one batch carries: a phone's outbox drains in several when it holds more. */
export const MAX_BATCH_ITEMS = 200;

const Key = v.pipe(
	v.string('Each item needs its Idempotency-Key as `key`'),
	v.regex(/^[\x21-\x7e]{1,255}$/, 'An item key is 1–255 visible ASCII characters')
);

/** One outbox item, as the phone would have sent it alone (web/lib/sync/send.ts). */
export const BatchItem = v.object({
	/** Its own Idempotency-Key: the same on every send of this item, in a batch or alone. */
	key: Key,
	method: v.picklist(['POST', 'PUT'], 'An item is a POST or a PUT'),
	/** The route it is for, e.g. `/api/inventory/adjustments`: only outbox routes (outbox-routes.ts). */
	url: v.pipe(v.string(), v.maxLength(300, 'An item url is at most 300 characters')),
	/** The device's clock when it sent (ISO 8601 with zone), as the `Ordo-Sent-At` header. */
	sentAt: v.optional(v.pipe(v.string(), v.maxLength(40, 'sentAt is an ISO 8601 time'))),
	/** Who queued it, as the `Ordo-Queued-By` header: refused unless it is the signed-in person. */
	queuedBy: v.optional(v.pipe(v.string(), v.maxLength(100, 'queuedBy is a user id'))),
	/** The route's own JSON body; the route validates it. */
	body: v.record(v.string(), v.unknown(), 'An item body is a JSON object')
});
export type BatchItem = v.InferOutput<typeof BatchItem>;

export const SyncBatch = v.object({
	items: v.pipe(
		v.array(BatchItem, 'Send `items`, a list of outbox items'),
		v.minLength(1, 'Send at least one item'),
		v.maxLength(
			MAX_BATCH_ITEMS,
			`At most ${MAX_BATCH_ITEMS} items in one batch: send the rest in the next`
		)
	)
});
export type SyncBatch = v.InferOutput<typeof SyncBatch>;

const ProblemBody = v.looseObject({
	type: v.string(),
	title: v.string(),
	status: v.number(),
	detail: v.optional(v.string())
});

/** What one item's own route answered: its status, and its body (2xx) or its problem. */
export const BatchItemResult = v.object({
	key: v.string(),
	status: v.number(),
	body: v.unknown(),
	problem: v.nullable(ProblemBody)
});
export type BatchItemResult = v.InferOutput<typeof BatchItemResult>;

export const SyncBatchResult = v.object({
	/** One per item tried, in the batch's order; fewer than sent when `stoppedAt` is set. */
	results: v.array(BatchItemResult),
	/**
	 * The key of the item the batch stopped at (it must be sent again later: a server error,
	 * a session that ended, another person's item); the items after it were not tried, so
	 * nothing queued after it overtakes it. null when every item was tried.
	 */
	stoppedAt: v.nullable(v.string())
});
export type SyncBatchResult = v.InferOutput<typeof SyncBatchResult>;
