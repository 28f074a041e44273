import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { returnReceipts, returnUnits, type ReturnStatus } from '../../../../db/schema/returns';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, Invalid } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { expectVersion } from '../../../core/preconditions';
import { auditEntry } from '../../audit/record';
import { timelineEvent } from '../../orders/timeline';
import { emitEvent } from '../../webhooks/emit';
import { deriveReturnStatus } from '../line-states';
import { decideReceipt } from './decide-receipt';
import { receiptById } from './internal';
import { readReceiptSnapshot, type ReceiptSnapshot } from './receipt-snapshot';
import type { Receipt, ReceiveItem } from './schemas';

/**
 * One scanned item at the returns bench, usually from the phone's outbox (so an
 * Idempotency-Key is required: a resend replays the first answer; the key is also kept on
 * the receipt, so the same scan is never received twice). Received units go to QUARANTINE
 * (return_units without a disposition): nothing here moves stock or money. An unknown code,
 * an item not on the return or beyond its quantity is kept and flagged, never refused.
 */
export async function receiveItem({
	ctx,
	returnId,
	input,
	clockOffsetMs
}: {
	ctx: Ctx;
	returnId: string;
	input: ReceiveItem;
	clockOffsetMs: number;
}): Promise<Receipt> {
	const key = ctx.idempotency?.key;
	if (!key)
		throw new Invalid(
			'idempotency-key-required',
			'Send an Idempotency-Key with every scan',
			'Scans come from phones that resend when the network drops; the key makes a resend apply once.'
		);
	const deviceTime = Math.min(Date.parse(input.deviceTime) + clockOffsetMs, ctx.now);
	// Two phones scanning one return at once: the loser's batch meets the version guard;
	// it re-reads and decides again rather than failing the scan.
	for (let attempt = 1; ; attempt++) {
		const snap = await readReceiptSnapshot(ctx, returnId, input, key);
		if (snap.existingReceiptId)
			return (
				await ctx.db.all<{ body: string }>(
					sql`SELECT (${receiptById(snap.existingReceiptId)}) AS body`
				)
			).map((r) => JSON.parse(r.body) as Receipt)[0]!;
		try {
			return await write(ctx, snap, input, key, deviceTime);
		} catch (e) {
			if (attempt < 3 && e instanceof Conflict && e.code === 'return-changed') continue;
			throw e;
		}
	}
}

async function write(
	ctx: Ctx,
	snap: ReceiptSnapshot,
	input: ReceiveItem,
	key: string,
	deviceTime: number
): Promise<Receipt> {
	const { db } = ctx;
	const ret = snap.ret;
	if (ret.status === 'cancelled')
		throw new Conflict(
			'return-cancelled',
			`${ret.number} was cancelled`,
			'Nothing can be received against a cancelled return. Put the parcel aside and ask customer service, who can open a new return for it.'
		);
	const d = decideReceipt({
		returnNumber: ret.number,
		orderNumber: ret.orderNumber,
		code: input.code,
		product: snap.product,
		onOrder: snap.onOrder,
		quantity: input.quantity,
		lines: snap.lines
	});
	const matched = snap.lines.find((l) => l.line === d.line);
	const locationId =
		input.locationId ?? matched?.locationId ?? snap.lines.find((l) => l.locationId)?.locationId;
	const location = snap.locations.find((l) => l.id === (locationId ?? snap.defaultLocation?.id));
	if (!location)
		throw new Invalid(
			'unknown-location',
			'No such location',
			'Choose where the parcel is received.',
			{
				locationId: ['No location has this id']
			}
		);
	const receiptId = crypto.randomUUID();
	const lines = snap.lines.map((l) =>
		l.line === d.line
			? { ...l, status: d.moveTo ?? l.status, quantityReceived: l.quantityReceived + d.onLine }
			: l
	);
	const status: ReturnStatus = ret.status === 'held' ? 'held' : deriveReturnStatus(lines);
	const name = snap.product?.name ?? input.code;
	const summary = d.expected
		? `Received ${input.quantity} × ${name} at ${location.name}`
		: `Received ${input.quantity} × unexpected item at ${location.name}: ${d.flag}`;
	const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
		expectVersion(ctx, 'return', ret.id, ret.version),
		db.insert(returnReceipts).values({
			id: receiptId,
			returnId: ret.id,
			line: d.line,
			productId: snap.product?.id ?? null,
			code: input.code,
			quantity: input.quantity,
			expected: d.expected,
			flag: d.flag,
			locationId: location.id,
			idempotencyKey: key,
			deviceTime,
			receivedById: actorId(ctx),
			createdAt: ctx.now
		}),
		db.insert(returnUnits).values(
			Array.from({ length: input.quantity }, (_, i) => ({
				id: crypto.randomUUID(),
				returnId: ret.id,
				receiptId,
				// Units beyond the line's quantity wait on no line: a person decides on them.
				line: i < d.onLine ? d.line : null,
				productId: snap.product?.id ?? null,
				locationId: location.id,
				createdAt: ctx.now
			}))
		)
	];
	if (d.onLine > 0 && d.line !== null)
		writes.push(
			db.run(sql`UPDATE return_lines SET quantity_received = quantity_received + ${d.onLine},
				status = ${d.moveTo ?? sql`status`} WHERE return_id = ${ret.id} AND line = ${d.line}`)
		);
	writes.push(
		db.run(sql`UPDATE returns SET status = ${status}, version = version + 1, updated_at = ${ctx.now}
			WHERE id = ${ret.id}`),
		auditEntry(ctx, {
			action: 'returns.receive',
			target: { type: 'return', id: ret.id },
			details: {
				receiptId,
				line: d.line,
				code: input.code,
				productId: snap.product?.id ?? null,
				quantity: input.quantity,
				expected: d.expected,
				flag: d.flag,
				locationId: location.id
			}
		}),
		timelineEvent(ctx, {
			entityKind: 'return',
			entityId: ret.id,
			orderId: ret.orderId,
			customerId: ret.customerId,
			kind: 'return.received',
			summary,
			data: { number: ret.number, receiptId, line: d.line, expected: d.expected }
		}),
		emitEvent(ctx, {
			type: 'return.received',
			entityKind: 'return',
			entityId: ret.id,
			data: {
				number: ret.number,
				line: d.line,
				productId: snap.product?.id ?? null,
				quantity: input.quantity,
				expected: d.expected,
				status
			}
		})
	);
	return mutate<Receipt>(ctx, { status: 201, writes, result: receiptById(receiptId) });
}
