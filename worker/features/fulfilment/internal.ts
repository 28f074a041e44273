import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { timelineEvents, type OrderStatus } from '../../../db/schema/orders';
import type { Ctx } from '../../core/context';
import type { OrderSnapshot, SnapshotShipment } from './decide';
import type { Shipment } from './schemas';

export function isoTime(column: AnyColumn | SQL): SQL {
	return sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
}

type OrderRow = {
	id: string;
	number: string;
	status: OrderStatus;
	version: number;
	customer_id: string | null;
};
type LineRow = {
	line: number;
	product_id: string | null;
	location_id: string | null;
	sku: string;
	name: string;
	barcode: string | null;
	quantity: number;
	quantity_shipped: number;
};
type ShipmentRow = {
	id: string;
	location_id: string;
	status: SnapshotShipment['status'];
	version: number;
	lines: string;
};

/**
 * The order, its lines and its shipments as they are now: one batch, one round trip.
 * `orderId` may be a subquery (the order of a shipment). Null when there is no order.
 */
export async function loadSnapshot(
	ctx: Ctx,
	orderId: string | SQL,
	extra?: SQL
): Promise<{ snapshot: OrderSnapshot | null; extra: unknown[] }> {
	const { db } = ctx;
	const [orders, lines, shipments, more] = await db.batch([
		db.all<OrderRow>(sql`SELECT id, number, status, version, customer_id FROM orders
			WHERE id = (${orderId})`),
		db.all<LineRow>(sql`SELECT l.line, l.product_id, l.location_id, l.sku, l.name, p.barcode,
			l.quantity, l.quantity_shipped FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
			WHERE l.order_id = (${orderId}) AND l.kind = 'product' ORDER BY l.line`),
		db.all<ShipmentRow>(sql`SELECT s.id, s.location_id, s.status, s.version,
			(SELECT json_group_array(json_object('line', line, 'quantity', quantity,
				'pickedQuantity', picked_quantity)) FROM shipment_lines WHERE shipment_id = s.id) AS lines
			FROM shipments s WHERE s.order_id = (${orderId})`),
		db.all(extra ?? sql`SELECT 1`)
	]);
	const order = orders[0];
	if (!order) return { snapshot: null, extra: more };
	return {
		extra: more,
		snapshot: {
			order: { ...order, customerId: order.customer_id },
			lines: lines.map((l) => ({
				line: l.line,
				productId: l.product_id,
				locationId: l.location_id,
				sku: l.sku,
				name: l.name,
				barcode: l.barcode,
				quantity: l.quantity,
				quantityShipped: l.quantity_shipped
			})),
			shipments: shipments.map((s) => ({
				id: s.id,
				locationId: s.location_id,
				status: s.status,
				version: s.version,
				lines: JSON.parse(s.lines) as SnapshotShipment['lines']
			}))
		}
	};
}

/** Fails the batch (409 order-changed) when the order moved since the snapshot. */
export function orderUnchanged(ctx: Ctx, s: OrderSnapshot): BatchItem<'sqlite'> {
	return ctx.db.run(sql`INSERT INTO preconditions (subject, held) SELECT 'order',
		EXISTS (SELECT 1 FROM orders WHERE id = ${s.order.id} AND version = ${s.order.version})`);
}

/** Fails the batch (409 shipment-changed) unless the shipment is as the snapshot saw it. */
export function shipmentIs(
	ctx: Ctx,
	sh: { id: string; version?: number; status: string }
): BatchItem<'sqlite'> {
	const version = sh.version === undefined ? sql`` : sql`AND version = ${sh.version}`;
	return ctx.db.run(sql`INSERT INTO preconditions (subject, held) SELECT 'shipment',
		EXISTS (SELECT 1 FROM shipments WHERE id = ${sh.id} AND status = ${sh.status} ${version})`);
}

/** One attributed event on the order's timeline, in the change's batch. */
export function timelineEvent(
	ctx: Ctx,
	s: OrderSnapshot,
	e: { entityId: string; kind: string; summary: string; data?: Record<string, unknown> }
): BatchItem<'sqlite'> {
	const actor = ctx.actor;
	return ctx.db.insert(timelineEvents).values({
		id: crypto.randomUUID(),
		at: ctx.now,
		actorKind: actor ? actor.kind : 'system',
		actorId: actor?.id ?? null,
		actorLabel: actor?.kind === 'user' ? actor.name : actor ? 'API key' : 'Ordo',
		entityKind: 'shipment',
		entityId: e.entityId,
		customerId: s.order.customerId,
		orderId: s.order.id,
		kind: e.kind,
		summary: e.summary,
		data: e.data ?? {}
	});
}

/** A shipment with its lines as JSON, built in SQL so a mutation reads it in its batch. */
export function shipmentJson(id: string): SQL {
	return sql`(SELECT json_object(
		'id', s.id, 'orderId', s.order_id, 'orderNumber', o.number, 'orderStatus', o.status,
		'orderVersion', o.version, 'fulfilmentStatus', o.fulfilment_status,
		'locationId', s.location_id, 'locationName', loc.name, 'status', s.status,
		'version', s.version, 'carrier', s.carrier, 'trackingNumber', s.tracking_number,
		'createdAt', ${isoTime(sql`s.created_at`)}, 'packedAt', ${isoTime(sql`s.packed_at`)},
		'shippedAt', ${isoTime(sql`s.shipped_at`)}, 'shipTo', json(o.shipping_address),
		'customerName', c.name,
		'lines', json(coalesce((SELECT json_group_array(json_object('line', line,
			'productId', product_id, 'sku', sku, 'name', name, 'barcode', barcode,
			'bin', bin, 'quantity', quantity, 'pickedQuantity', picked_quantity)) FROM (
			SELECT sl.line, l.product_id, l.sku, l.name, p.barcode, lv.bin, sl.quantity, sl.picked_quantity
			FROM shipment_lines sl JOIN order_lines l ON l.order_id = sl.order_id AND l.line = sl.line
			LEFT JOIN products p ON p.id = l.product_id
			LEFT JOIN stock_levels lv ON lv.product_id = l.product_id AND lv.location_id = s.location_id
			WHERE sl.shipment_id = s.id ORDER BY lv.bin IS NULL, lv.bin, l.sku)), '[]')))
		FROM shipments s JOIN orders o ON o.id = s.order_id JOIN locations loc ON loc.id = s.location_id
		LEFT JOIN customers c ON c.id = o.customer_id WHERE s.id = ${id})`;
}

/** Pickers walk the aisles in bin order; lines without a bin come last. */
export function byBinThenSku<T extends { bin: string | null; sku: string }>(a: T, b: T): number {
	if (a.bin !== b.bin) {
		if (a.bin === null) return 1;
		if (b.bin === null) return -1;
		return a.bin < b.bin ? -1 : 1;
	}
	return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

export function sortedShipment(s: Shipment): Shipment {
	return { ...s, lines: [...s.lines].sort(byBinThenSku) };
}
