import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../../core/context';
import type { ImportPlan } from './import-plan';

// A decided import as multi-row INSERTs for ONE batch (one transaction: the file applies
// whole or not at all). Row-per-statement would be ~45,000 statements for the Online
// Retail month; 400 rows a statement keeps every statement's parameters (rows × columns)
// under SQLite's 32,766. Timeline rows are written here rather than through
// timelineEvent() for the same reason; the columns are the same.

type Cell = string | number | null;

/**
 * One INSERT … SELECT over `json_each(?)`: the rows travel as ONE JSON parameter, however
 * many there are, and SQLite unpacks them (`value ->> i` keeps integers integers). `as`
 * replaces a column's plain value with an expression of it (`$` is that value).
 */
function insertRows(
	ctx: Ctx,
	table: string,
	columns: string[],
	rows: Cell[][],
	as: Record<string, string> = {}
): BatchItem<'sqlite'>[] {
	if (rows.length === 0) return [];
	const picks = columns.map((c, i) => (as[c] ?? '$').replaceAll('$', `value ->> ${i}`)).join(', ');
	return [
		ctx.db.run(
			sql`INSERT INTO ${sql.raw(table)} (${sql.raw(columns.join(', '))}) SELECT ${sql.raw(picks)} FROM json_each(${JSON.stringify(rows)})`
		)
	];
}

/** 'PREFIX-' || (the counter after the batch's bump − the row's offset): numbers taken in this batch. */
const numbered = (prefix: string, counter: string) =>
	`'${prefix}' || ((SELECT value FROM counters WHERE name = '${counter}') - $)`;

const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

function actor(ctx: Ctx): {
	kind: 'user' | 'api_key' | 'system';
	id: string | null;
	label: string;
} {
	if (ctx.actor?.kind === 'user') return { kind: 'user', id: ctx.actor.id, label: ctx.actor.name };
	if (ctx.actor?.kind === 'api_key') return { kind: 'api_key', id: ctx.actor.id, label: 'API key' };
	return { kind: 'system', id: null, label: 'Ordo import' };
}

export function importWrites(ctx: Ctx, plan: ImportPlan, source: string): BatchItem<'sqlite'>[] {
	const now = ctx.now;
	const who = actor(ctx);
	// Numbers follow the order things happened, not the order of the file.
	const orders = [...plan.orders].sort(
		(a, b) => a.placedAt - b.placedAt || a.firstLine - b.firstLine
	);
	const returns = [...plan.returns].sort(
		(a, b) => a.createdAt - b.createdAt || a.firstLine - b.firstLine
	);
	const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
	const writes: BatchItem<'sqlite'>[] = [
		...insertRows(
			ctx,
			'customers',
			['id', 'number', 'name', 'email', 'phone', 'country', 'created_at', 'updated_at'],
			plan.customers.map((c) => [
				c.id,
				c.number,
				c.name,
				c.email,
				c.phone,
				c.country,
				c.createdAt,
				now
			])
		),
		...insertRows(
			ctx,
			'products',
			['id', 'sku', 'name', 'price_minor', 'currency', 'created_at', 'updated_at'],
			plan.products.map((p) => [p.id, p.sku, p.name, p.priceMinor, p.currency, now, now])
		)
	];
	if (orders.length > 0)
		writes.push(
			ctx.db.run(
				sql`UPDATE counters SET value = value + ${orders.length} WHERE name = 'order_number'`
			)
		);
	writes.push(
		...insertRows(
			ctx,
			'orders',
			[
				'id',
				'number',
				'customer_id',
				'status',
				'channel',
				'payment_status',
				'fulfilment_status',
				'currency',
				'subtotal_minor',
				'discount_minor',
				'shipping_minor',
				'tax_minor',
				'total_minor',
				'shipping_address',
				'billing_address',
				'placed_by_kind',
				'placed_by_id',
				'placed_at',
				'cancelled_at',
				'external_ref',
				'created_at',
				'updated_at'
			],
			orders.map((o, i) => [
				o.id,
				orders.length - 1 - i,
				o.customerId,
				o.status,
				'import',
				o.paymentStatus,
				o.fulfilmentStatus,
				o.currency,
				o.subtotalMinor,
				o.discountMinor,
				o.shippingMinor,
				o.taxMinor,
				o.totalMinor,
				json(o.shippingAddress),
				json(o.billingAddress),
				who.kind,
				who.id,
				o.placedAt,
				o.cancelledAt,
				o.ref,
				o.placedAt,
				now
			]),
			{ number: numbered('ORD-', 'order_number') }
		),
		...insertRows(
			ctx,
			'order_lines',
			[
				'order_id',
				'line',
				'kind',
				'product_id',
				'sku',
				'name',
				'quantity',
				'unit_price_minor',
				'discount_minor',
				'tax_minor',
				'net_minor',
				'quantity_shipped',
				'quantity_returned'
			],
			orders.flatMap((o) =>
				o.lines.map((l) => [
					o.id,
					l.line,
					l.kind,
					l.productId,
					l.sku,
					l.name,
					l.quantity,
					l.unitPriceMinor,
					l.discountMinor,
					l.taxMinor,
					l.netMinor,
					l.quantityShipped,
					l.quantityReturned
				])
			)
		)
	);
	if (returns.length > 0)
		writes.push(
			ctx.db.run(
				sql`UPDATE counters SET value = value + ${returns.length} WHERE name = 'return_number'`
			)
		);
	writes.push(
		...insertRows(
			ctx,
			'returns',
			[
				'id',
				'number',
				'order_id',
				'customer_id',
				'channel',
				'status',
				'external_ref',
				'currency',
				'refund_minor',
				'created_at',
				'updated_at'
			],
			returns.map((r, i) => [
				r.id,
				returns.length - 1 - i,
				r.orderId,
				r.customerId,
				'import',
				'resolved',
				r.ref,
				r.currency,
				r.refundMinor,
				r.createdAt,
				now
			]),
			{ number: numbered('RET-', 'return_number') }
		),
		...insertRows(
			ctx,
			'return_lines',
			['return_id', 'line', 'order_id', 'order_line', 'sku', 'quantity', 'refund_minor', 'reason'],
			returns.flatMap((r) =>
				r.lines.map((l) => [
					r.id,
					l.line,
					r.orderId,
					l.orderLine,
					l.sku,
					l.quantity,
					l.refundMinor,
					`Imported credit note ${r.ref}`
				])
			)
		),
		...insertRows(
			ctx,
			'timeline_events',
			[
				'id',
				'at',
				'actor_kind',
				'actor_id',
				'actor_label',
				'entity_kind',
				'entity_id',
				'customer_id',
				'order_id',
				'kind',
				'summary',
				'data'
			],
			[
				...orders.map((o) => {
					const units = o.lines.reduce((n, l) => n + (l.kind === 'product' ? l.quantity : 0), 0);
					return [
						crypto.randomUUID(),
						now,
						who.kind,
						who.id,
						who.label,
						'order',
						o.id,
						o.customerId,
						o.id,
						'order.imported',
						`Imported from ${source} order ${o.ref}: ${units} item${units === 1 ? '' : 's'}, ${money(o.totalMinor, o.currency)}`,
						JSON.stringify({
							source,
							ref: o.ref,
							placedAt: o.placedAt,
							totalMinor: o.totalMinor,
							currency: o.currency,
							refundedMinor: o.refundedMinor,
							status: o.status
						})
					];
				}),
				...returns.map((r) => {
					const units = r.lines.reduce((n, l) => n + l.quantity, 0);
					return [
						crypto.randomUUID(),
						now,
						who.kind,
						who.id,
						who.label,
						'return',
						r.id,
						r.customerId,
						r.orderId,
						'return.recorded',
						`Return recorded from ${source} credit note ${r.ref}: ${units} item${units === 1 ? '' : 's'} of order ${r.orderRef}, ${money(r.refundMinor, r.currency)} refunded`,
						JSON.stringify({
							source,
							ref: r.ref,
							returnedAt: r.createdAt,
							refundMinor: r.refundMinor,
							currency: r.currency
						})
					];
				})
			]
		)
	);
	return writes;
}
