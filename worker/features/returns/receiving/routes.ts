import { Hono } from 'hono';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { deviceClockOffset } from '../../../core/device-time';
import { doc } from '../../../core/doc';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { requireIdempotencyKey } from '../../../core/require-idempotency-key';
import { getReceiving } from './get-receiving';
import { inspectLine } from './inspect-line';
import { inspectUnit } from './inspect-unit';
import { listExpected } from './list-expected';
import { quarantineOf } from './quarantine';
import { receiveItem } from './receive-item';
import {
	ExpectedQuery,
	ExpectedReturns,
	Inspect,
	InspectLine,
	LineInspection,
	LineParams,
	Receipt,
	Receiving,
	ReceiveItem,
	ProductParams,
	Quarantine,
	ReturnParams,
	Unit,
	UnitParams
} from './schemas';

const tags = ['returns'];
const receive = permit('returns.receive');

/** The warehouse side of returns (issue 11): receive into quarantine, inspect, restock. */
export const receivingRoutes = new Hono<AppEnv>()
	.get(
		'/receiving/expected',
		receive,
		doc({
			summary: 'Returns on their way in and what is in them, for receiving offline',
			tags,
			response: ExpectedReturns
		}),
		input('query', ExpectedQuery),
		async (c) =>
			c.json(await listExpected({ ctx: getCtx(c), locationId: c.req.valid('query').locationId }))
	)
	.get(
		'/receiving/quarantine/:productId',
		permit('inventory.read'),
		doc({
			summary: 'Returned units of a product waiting in quarantine (not stock)',
			tags,
			response: Quarantine
		}),
		input('param', ProductParams),
		async (c) =>
			c.json(await quarantineOf({ ctx: getCtx(c), productId: c.req.valid('param').productId }))
	)
	.post(
		'/:id/receipts',
		receive,
		requireIdempotencyKey,
		doc({
			summary:
				'Receive one scanned item into quarantine (Idempotency-Key required; unexpected items kept and flagged; no stock or money moves)',
			tags,
			status: 201,
			response: Receipt,
			idempotencyKeyRequired: true
		}),
		input('param', ReturnParams),
		input('json', ReceiveItem),
		async (c) => {
			const ctx = getCtx(c);
			const receipt = await receiveItem({
				ctx,
				returnId: c.req.valid('param').id,
				input: c.req.valid('json'),
				clockOffsetMs: deviceClockOffset(c, ctx.now)
			});
			return c.json(receipt, 201);
		}
	)
	.get(
		'/:id/receiving',
		// Anyone who reads returns sees what came in (a rep checks it before refunding).
		permit('returns.read'),
		doc({
			summary: "A return's receipts (with flags), received units and their inspection",
			tags,
			response: Receiving
		}),
		input('param', ReturnParams),
		async (c) => c.json(await getReceiving({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/units/:unitId/inspection',
		receive,
		doc({
			summary:
				'Grade a received item and decide its disposition (restock moves stock in the same batch)',
			tags,
			response: Unit
		}),
		input('param', UnitParams),
		input('json', Inspect),
		async (c) => {
			const { id, unitId } = c.req.valid('param');
			return c.json(
				await inspectUnit({ ctx: getCtx(c), returnId: id, unitId, input: c.req.valid('json') })
			);
		}
	)
	.post(
		'/:id/lines/:line/inspection',
		receive,
		requireIdempotencyKey,
		doc({
			summary:
				'Grade several received items of one line alike, in one batch (Idempotency-Key required; restock moves stock in the same batch)',
			tags,
			response: LineInspection,
			idempotencyKeyRequired: true
		}),
		input('param', LineParams),
		input('json', InspectLine),
		async (c) => {
			const { id, line } = c.req.valid('param');
			return c.json(
				await inspectLine({ ctx: getCtx(c), returnId: id, line, input: c.req.valid('json') })
			);
		}
	);
