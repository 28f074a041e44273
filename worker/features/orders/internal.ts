import { sql, type SQL } from 'drizzle-orm';
import type { OrderStatus } from '../../../db/schema/orders';
import { fromConstraintError } from '../../core/constraint-errors';
import type { Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import { isoTime } from '../users/internal';
import type { OrderSummary } from './schemas';

/** An order as the API shows it in lists and after a change: one JSON value from SQL. */
export const summaryJson = sql`json_object(
	'id', o.id, 'number', o.number, 'status', o.status, 'heldFrom', o.held_from,
	'version', o.version, 'channel', o.channel, 'paymentStatus', o.payment_status,
	'fulfilmentStatus', o.fulfilment_status,
	'customer', json(CASE WHEN c.id IS NULL THEN NULL ELSE json_object(
		'id', c.id, 'number', c.number, 'name', c.name, 'email', c.email, 'phone', c.phone) END),
	'currency', o.currency, 'subtotalMinor', o.subtotal_minor, 'discountMinor', o.discount_minor,
	'shippingMinor', o.shipping_minor, 'taxMinor', o.tax_minor, 'totalMinor', o.total_minor,
	'placedAt', ${isoTime(sql`o.placed_at`)}, 'updatedAt', ${isoTime(sql`o.updated_at`)})`;

export const fromOrders = sql`orders o LEFT JOIN customers c ON c.id = o.customer_id`;

/** The scalar SELECT mutate() reads back after a change to one order. */
export function summaryOf(orderId: string): SQL {
	return sql`SELECT ${summaryJson} FROM ${fromOrders} WHERE o.id = ${orderId}`;
}

export type OrderRow = {
	id: string;
	number: string;
	status: OrderStatus;
	heldFrom: OrderStatus | null;
	version: number;
	customerId: string | null;
};

export const orderSnapshot = (id: string): SQL =>
	sql`SELECT id, number, status, held_from AS heldFrom, version, customer_id AS customerId
		FROM orders WHERE id = ${id}`;

/** The snapshot a transition decides on (404 when there is no such order). */
export async function readOrder(ctx: Ctx, id: string): Promise<OrderRow> {
	const rows = await ctx.db.all<OrderRow>(orderSnapshot(id));
	const order = rows[0];
	if (!order) throw new NotFound('order-not-found', 'No such order', `No order has id ${id}.`);
	return order;
}

/**
 * The version the person saw (sent with the request) must be the one just read: otherwise
 * they decided on something that has changed since, the same 409 as a moved precondition.
 */
export function checkSeenVersion(order: OrderRow, seen: number | undefined): void {
	if (seen !== undefined && seen !== order.version)
		throw (
			fromConstraintError({
				code: 'SQLITE_CONSTRAINT_TRIGGER',
				message: 'precondition_order_changed'
			}) ?? new Conflict('order-changed', 'This order changed since you loaded it')
		);
}

export type { OrderSummary };
