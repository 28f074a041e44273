import { Hono } from 'hono';
import { getCtx, type AppEnv } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { applyBatch, type Dispatch } from './apply-batch';
import { SyncBatch, SyncBatchResult } from './schemas';
import { jsonBodyLimit } from '../../core/json-body-limit';

/** What one batch may weigh: 200 items of a few KiB each. */
const SYNC_BODY_LIMIT = 1024 * 1024;

/**
 * The outbox's batch (issue 10: 10,000 queued items in ≤ 30 s). Built with the API's own
 * `fetch` (app.ts), through which each item reaches its own route.
 */
export function syncRoutes(
	dispatch: (request: Request, env: AppEnv['Bindings']) => Promise<Response>
) {
	return new Hono<AppEnv>().post(
		'/batch',
		// Any signed-in person: each item is authorised by its own route, as if sent alone.
		// No Idempotency-Key of its own (replay: false): every item carries its own.
		permit('session', {
			replay: false,
			noReplayBecause: 'A batch has no key of its own: each item carries its own.'
		}),
		// 200 items of outbox work fit in far less; a larger body is refused as it streams in.
		jsonBodyLimit(SYNC_BODY_LIMIT),
		doc({
			summary:
				'Send up to 200 outbox items at once, in order: each applied once under its own Idempotency-Key by its own route, with a result per item',
			tags: ['sync'],
			response: SyncBatchResult
		}),
		input('json', SyncBatch),
		async (c) => {
			const send: Dispatch = (request) => dispatch(request, c.env);
			const result = await applyBatch({
				ctx: getCtx(c),
				items: c.req.valid('json').items,
				headers: c.req.raw.headers,
				origin: new URL(c.req.url).origin,
				dispatch: send
			});
			return c.json(result);
		}
	);
}
