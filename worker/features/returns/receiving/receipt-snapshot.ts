import { sql } from 'drizzle-orm';
import type { ReturnStatus } from '../../../../db/schema/returns';
import type { Ctx } from '../../../core/context';
import type { SnapshotLine } from './decide-receipt';
import { returnNotFound } from './internal';
import type { ReceiveItem } from './schemas';

type Place = { id: string; name: string };

export type ReceiptSnapshot = {
	ret: {
		id: string;
		number: string;
		status: ReturnStatus;
		version: number;
		orderId: string | null;
		orderNumber: string | null;
		customerId: string | null;
	};
	lines: SnapshotLine[];
	product: { id: string; name: string } | null;
	onOrder: boolean;
	locations: Place[];
	defaultLocation: Place | null;
	existingReceiptId: string | null;
};

/**
 * Everything a scan is decided from, in ONE query: the return and its lines (with where
 * each order line was sent from), the product the code names (barcode first, then SKU as
 * stored upper-case), whether the order had it, the locations it may be received at, and a
 * receipt already written under this Idempotency-Key (a replay from another session).
 */
export async function readReceiptSnapshot(
	ctx: Ctx,
	returnId: string,
	input: ReceiveItem,
	key: string
): Promise<ReceiptSnapshot> {
	const code = input.code;
	const [row] = await ctx.db.all<{ body: string | null }>(sql`SELECT json_object(
		'ret', json((SELECT json_object('id', r.id, 'number', r.number, 'status', r.status,
			'version', r.version, 'orderId', r.order_id, 'orderNumber', o.number,
			'customerId', r.customer_id)
			FROM returns r LEFT JOIN orders o ON o.id = r.order_id WHERE r.id = ${returnId})),
		'lines', json((SELECT json_group_array(json_object('line', rl.line, 'status', rl.status,
			'productId', rl.product_id, 'quantity', rl.quantity,
			'quantityReceived', rl.quantity_received, 'locationId', ol.location_id))
			FROM return_lines rl LEFT JOIN order_lines ol
			ON ol.order_id = rl.order_id AND ol.line = rl.order_line
			WHERE rl.return_id = ${returnId})),
		'product', json((SELECT json_object('id', id, 'name', name) FROM (
			SELECT id, name, 0 AS rank FROM products WHERE barcode = ${code}
			UNION ALL SELECT id, name, 1 FROM products WHERE sku = upper(${code})
			ORDER BY rank LIMIT 1))),
		'onOrder', EXISTS (SELECT 1 FROM order_lines ol JOIN returns r ON r.order_id = ol.order_id
			JOIN products p ON p.id = ol.product_id
			WHERE r.id = ${returnId} AND (p.barcode = ${code} OR p.sku = upper(${code}))),
		'locations', json((SELECT json_group_array(json_object('id', id, 'name', name)) FROM locations
			WHERE id = ${input.locationId ?? null} OR id IN (SELECT ol.location_id FROM order_lines ol
			JOIN returns r ON r.order_id = ol.order_id WHERE r.id = ${returnId}))),
		'defaultLocation', json((SELECT json_object('id', id, 'name', name) FROM locations
			ORDER BY code LIMIT 1)),
		'existingReceiptId', (SELECT id FROM return_receipts WHERE idempotency_key = ${key})
	) AS body`);
	const snap = JSON.parse(row!.body!) as Omit<ReceiptSnapshot, 'onOrder'> & { onOrder: number };
	if (!snap.ret) throw returnNotFound(returnId);
	const locations = [...snap.locations];
	if (snap.defaultLocation && !locations.some((l) => l.id === snap.defaultLocation!.id))
		locations.push(snap.defaultLocation);
	return { ...snap, onOrder: snap.onOrder === 1, locations };
}
