import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { returnReceipts, returnUnits } from '../../../../db/schema/returns';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, DomainError, NotFound } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import { timelineEvent } from '../../orders/timeline';
import { emitEvent } from '../../webhooks/emit';
import { claimById } from './claim-json';
import type { Claim, ParcelReturned } from './schemas';

type Facts = {
	number: string;
	kind: string;
	orderId: string;
	customerId: string | null;
	unitsReturned: number;
	lines: {
		line: number;
		productId: string | null;
		sku: string;
		quantity: number;
		reasonCode: string;
		locationId: string | null;
	}[];
};

const alreadyIn = (number: string) =>
	new Conflict(
		'parcel-already-returned',
		'This parcel is already back',
		`The goods of ${number} were recorded as returned before. Nothing was written twice.`
	);

/**
 * A lost parcel that comes back after its claim was settled: its goods are received like
 * a return's (a receipt per line, expected, and one unit per item in quarantine until
 * inspected) and NOTHING moves in money: the claim already refunded or replaced them.
 * Once only: each receipt's idempotency key is the claim's line, so a second call fails
 * whole and says so.
 */
export async function parcelReturned({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: ParcelReturned;
}): Promise<Claim> {
	const f = await readFacts(ctx, id);
	if (f.unitsReturned > 0) throw alreadyIn(f.number);
	if (!f.lines.some((l) => l.reasonCode === 'lost_parcel'))
		throw new Conflict(
			'claim-not-lost-parcel',
			'Only a lost parcel comes back',
			`${f.number} is a claim for items that arrived; there is no parcel to receive. Start a return if the customer sends them back.`
		);
	const missingPlace = f.lines.find((l) => !(input.locationId ?? l.locationId));
	if (missingPlace)
		throw new Conflict('location-required', 'Say where the parcel came back to', undefined, {
			locationId: [`${missingPlace.sku} has no location on the order`]
		});
	const units = f.lines.reduce((n, l) => n + l.quantity, 0);
	try {
		return await mutate<Claim>(ctx, {
			writes: [
				ctx.db.run(
					sql`UPDATE returns SET version = version + 1, updated_at = ${ctx.now} WHERE id = ${id}`
				),
				...f.lines.flatMap((l) => receiptWrites(ctx, id, l, input.locationId ?? l.locationId!)),
				ctx.db.run(
					sql`UPDATE return_lines SET quantity_received = quantity WHERE return_id = ${id}`
				),
				timelineEvent(ctx, {
					entityKind: 'return',
					entityId: id,
					orderId: f.orderId,
					customerId: f.customerId,
					kind: 'claim.parcel_returned',
					summary: `Lost parcel came back: ${units} item${units === 1 ? '' : 's'} in quarantine for inspection; no second refund`,
					data: { units, note: input.note ?? null }
				}),
				emitEvent(ctx, {
					type: 'claim.parcel_returned',
					entityKind: 'return',
					entityId: id,
					data: { id, number: f.number, orderId: f.orderId, units }
				}),
				auditEntry(ctx, {
					action: 'return.claim_parcel_returned',
					target: { type: 'return', id },
					details: { orderId: f.orderId, units, locationId: input.locationId ?? null }
				})
			],
			result: claimById(id)
		});
	} catch (error) {
		// Two people recording the same parcel at once: the receipts' unique idempotency keys
		// (the claim's lines) refuse the second batch; nothing else here is unique.
		if (error instanceof DomainError && error.code === 'constraint-violated')
			throw alreadyIn(f.number);
		throw error;
	}
}

function receiptWrites(
	ctx: Ctx,
	id: string,
	l: Facts['lines'][number],
	locationId: string
): BatchItem<'sqlite'>[] {
	const receiptId = crypto.randomUUID();
	return [
		ctx.db.insert(returnReceipts).values({
			id: receiptId,
			returnId: id,
			line: l.line,
			productId: l.productId,
			code: l.sku,
			quantity: l.quantity,
			expected: true,
			locationId,
			idempotencyKey: `claim-parcel:${id}:${l.line}`,
			deviceTime: ctx.now,
			receivedById: actorId(ctx),
			createdAt: ctx.now
		}),
		ctx.db.insert(returnUnits).values(
			Array.from({ length: l.quantity }, () => ({
				id: crypto.randomUUID(),
				returnId: id,
				receiptId,
				line: l.line,
				productId: l.productId,
				locationId,
				createdAt: ctx.now
			}))
		)
	];
}

async function readFacts(ctx: Ctx, id: string): Promise<Facts> {
	const [row] = await ctx.db.all<{ f: string | null }>(
		sql`SELECT (SELECT json_object('number', r.number, 'kind', r.kind, 'orderId', r.order_id,
			'customerId', r.customer_id,
			'unitsReturned', (SELECT count(*) FROM return_units u WHERE u.return_id = r.id),
			'lines', (SELECT json_group_array(json_object('line', l.line, 'productId', l.product_id,
					'sku', l.sku, 'quantity', l.quantity, 'reasonCode', l.reason_code,
					'locationId', ol.location_id))
				FROM return_lines l LEFT JOIN order_lines ol
					ON ol.order_id = l.order_id AND ol.line = l.order_line
				WHERE l.return_id = r.id))
			FROM returns r WHERE r.id = ${id} AND r.kind = 'claim') AS f`
	);
	if (!row?.f) throw new NotFound('claim-not-found', 'No such claim', `No claim has id ${id}.`);
	return JSON.parse(row.f) as Facts;
}
