import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { Conflict } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { interpretScan, wrongItemError, type ScannedProduct } from './decide';
import { loadShipment } from './shipment-snapshot';
import { shipmentIs, shipmentJson, sortedShipment, timelineEvent } from './internal';
import type { PickItem, PickResult } from './schemas';

/**
 * One scan into the tote. The scan is read against the shipment as it is now: the right
 * item counts on its line; a wrong one is a 422 naming what was scanned and what is
 * expected; a complete line is a 409 (over-pick, also refused by the database). The
 * outbox resends with its Idempotency-Key, which replays the first answer.
 */
export async function pickItem({
	ctx,
	shipmentId,
	input
}: {
	ctx: Ctx;
	shipmentId: string;
	input: PickItem;
}): Promise<PickResult> {
	const code = input.code.trim();
	const { s, sh, extra } = await loadShipment(
		ctx,
		shipmentId,
		sql`SELECT sku, name FROM products WHERE sku = ${code.toUpperCase()} OR barcode = ${code} LIMIT 1`
	);
	if (sh.status !== 'picking')
		throw new Conflict(
			'illegal-transition',
			`This shipment is ${sh.status}: nothing more can be picked into it`,
			'Only a shipment that is picking takes scans.'
		);
	const lines = sh.lines.map((l) => {
		const o = s.lines.find((x) => x.line === l.line)!;
		return { ...l, sku: o.sku, name: o.name, barcode: o.barcode };
	});
	const meaning = interpretScan(code, lines, input.quantity);
	if (meaning.kind === 'wrong')
		throw wrongItemError(code, { ...meaning, scanned: (extra[0] as ScannedProduct) ?? null });
	if (meaning.kind === 'done')
		throw new Conflict(
			'over-picked',
			`All units of ${meaning.sku} are picked`,
			'This shipment needs no more of that item.'
		);
	const line = lines.find((l) => l.line === meaning.line)!;
	const picked = { line: line.line, sku: line.sku, name: line.name, quantity: input.quantity };
	// The whole answer is built in the batch, so an Idempotency-Key replay is the same answer.
	const result = await mutate<PickResult>(ctx, {
		writes: [
			shipmentIs(ctx, { id: sh.id, status: 'picking' }),
			// Relative, not a version check: two pickers' scans on one order both count; the
			// picked ≤ quantity CHECK refuses the one that would over-pick.
			ctx.db.run(sql`UPDATE shipment_lines SET picked_quantity = picked_quantity + ${input.quantity}
				WHERE shipment_id = ${sh.id} AND line = ${line.line}`),
			ctx.db.run(sql`UPDATE shipments SET version = version + 1, updated_at = ${ctx.now}
				WHERE id = ${sh.id}`),
			timelineEvent(ctx, s, {
				entityId: sh.id,
				kind: 'shipment.item_picked',
				summary: `Picked ${input.quantity} × ${line.sku}`,
				data: {
					line: line.line,
					code,
					quantity: input.quantity,
					deviceTime: input.deviceTime ?? null
				}
			}),
			auditEntry(ctx, {
				action: 'fulfilment.pick',
				target: { type: 'shipment', id: sh.id },
				details: { line: line.line, sku: line.sku, quantity: input.quantity }
			})
		],
		result: sql`json_object('picked', json_object('line', ${picked.line}, 'sku', ${picked.sku},
			'name', ${picked.name}, 'quantity', ${picked.quantity}), 'shipment', json(${shipmentJson(sh.id)}))`
	});
	return { ...result, shipment: sortedShipment(result.shipment) };
}
