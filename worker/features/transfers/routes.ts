import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { deviceClockOffset } from '../../core/device-time';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { requireIdempotencyKey } from '../../core/require-idempotency-key';
import { cancelTransfer } from './cancel-transfer';
import { createTransfer } from './create-transfer';
import { getTransfer } from './get-transfer';
import { listLocations } from './list-locations';
import { listTransfers } from './list-transfers';
import { receiveTransfer } from './receive-transfer';
import {
	CancelTransfer,
	CreateTransfer,
	ListTransfers,
	LocationList,
	ReceiveTransfer,
	SendTransfer,
	Transfer,
	TransferPage,
	TransferParams
} from './schemas';
import { sendTransfer } from './send-transfer';

const tags = ['transfers'];

// Moving stock is stock work: the warehouse and managers (inventory.adjust); anyone who
// sees stock sees transfers (inventory.read).
export const transfersRoutes = new Hono<AppEnv>()
	.get(
		'/',
		permit('inventory.read'),
		doc({
			summary: 'Transfers between locations, newest first (all, one status, or open)',
			tags,
			response: TransferPage
		}),
		input('query', ListTransfers),
		async (c) => c.json(await listTransfers({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/locations',
		permit('inventory.read'),
		doc({ summary: 'The locations stock can move between, by code', tags, response: LocationList }),
		async (c) => c.json(await listLocations({ ctx: getCtx(c) }))
	)
	.post(
		'/',
		permit('inventory.adjust'),
		doc({
			summary: 'Draft a transfer (nothing moves until it is sent)',
			tags,
			status: 201,
			response: Transfer
		}),
		input('json', CreateTransfer),
		async (c) => c.json(await createTransfer({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.get(
		'/:id',
		permit('inventory.read'),
		doc({ summary: 'A transfer with its lines and what is in transit', tags, response: Transfer }),
		input('param', TransferParams),
		async (c) => c.json(await getTransfer({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/send',
		permit('inventory.adjust'),
		doc({
			summary: 'Send a draft: its stock leaves the source and is in transit',
			tags,
			response: Transfer
		}),
		input('param', TransferParams),
		input('json', SendTransfer),
		async (c) =>
			c.json(
				await sendTransfer({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/:id/cancel',
		permit('inventory.adjust'),
		doc({ summary: 'Cancel a draft transfer', tags, response: Transfer }),
		input('param', TransferParams),
		input('json', CancelTransfer),
		async (c) =>
			c.json(
				await cancelTransfer({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/:id/receipts',
		permit('inventory.adjust'),
		doc({
			summary: 'Receive units of a sent transfer at its destination (partial receipts add up)',
			tags,
			response: Transfer,
			idempotencyKeyRequired: true
		}),
		requireIdempotencyKey,
		input('param', TransferParams),
		input('json', ReceiveTransfer),
		async (c) => {
			const ctx = getCtx(c);
			return c.json(
				await receiveTransfer({
					ctx,
					id: c.req.valid('param').id,
					input: c.req.valid('json'),
					clockOffset: deviceClockOffset(c, ctx.now)
				})
			);
		}
	);
