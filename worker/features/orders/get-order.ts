import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { isoTime } from '../users/internal';
import { fromOrders, summaryJson } from './internal';
import type { OrderDetail } from './schemas';

/** An order with its lines, payments, shipments, refunds and timeline: one batch, one round trip. */
export async function getOrder({ ctx, id }: { ctx: Ctx; id: string }): Promise<OrderDetail> {
	const { db } = ctx;
	const [head, lines, payments, shipments, refunds, timeline] = await db.batch([
		db.all<{
			summary: string;
			shippingAddress: string | null;
			billingAddress: string | null;
			notes: string | null;
			holdReason: string | null;
			cancelReason: string | null;
		}>(
			sql`SELECT ${summaryJson} AS summary, o.shipping_address AS shippingAddress,
				o.billing_address AS billingAddress, o.notes, o.hold_reason AS holdReason,
				o.cancel_reason AS cancelReason
				FROM ${fromOrders} WHERE o.id = ${id}`
		),
		db.all<OrderDetail['lines'][number]>(
			sql`SELECT line, kind, product_id AS productId, location_id AS locationId, sku, name,
				quantity, unit_price_minor AS unitPriceMinor, discount_minor AS discountMinor,
				tax_minor AS taxMinor, net_minor AS netMinor, quantity_shipped AS quantityShipped,
				quantity_returned AS quantityReturned, replaces_line AS replacesLine
				FROM order_lines WHERE order_id = ${id} ORDER BY line`
		),
		db.all<OrderDetail['payments'][number]>(
			sql`SELECT id, provider, status, amount_minor AS amountMinor, captured_minor AS capturedMinor,
				refunded_minor AS refundedMinor, card_brand AS cardBrand, card_last4 AS cardLast4,
				checkout_url AS checkoutUrl, ${isoTime(sql`created_at`)} AS createdAt
				FROM payments WHERE order_id = ${id} ORDER BY created_at`
		),
		db.all<OrderDetail['shipments'][number]>(
			sql`SELECT id, location_id AS locationId, status, carrier, tracking_number AS trackingNumber,
				${isoTime(sql`shipped_at`)} AS shippedAt
				FROM shipments WHERE order_id = ${id} ORDER BY created_at`
		),
		db.all<OrderDetail['refunds'][number]>(
			sql`SELECT id, payment_id AS paymentId, amount_minor AS amountMinor, status, reason,
				failure_reason AS failureReason, ${isoTime(sql`created_at`)} AS createdAt
				FROM refunds WHERE order_id = ${id} ORDER BY created_at`
		),
		db.all<OrderDetail['timeline'][number]>(
			sql`SELECT id, ${isoTime(sql`at`)} AS at, actor_kind AS actorKind, actor_label AS actorLabel,
				entity_kind AS entityKind, entity_id AS entityId, kind, summary
				FROM timeline_events WHERE order_id = ${id} ORDER BY at, rowid`
		)
	]);
	const row = head[0];
	if (!row) throw new NotFound('order-not-found', 'No such order', `No order has id ${id}.`);
	const parse = (s: string | null) =>
		s === null ? null : (JSON.parse(s) as Record<string, unknown>);
	return {
		...(JSON.parse(row.summary) as Omit<OrderDetail, 'lines'>),
		shippingAddress: parse(row.shippingAddress),
		billingAddress: parse(row.billingAddress),
		notes: row.notes,
		holdReason: row.holdReason,
		cancelReason: row.cancelReason,
		lines,
		payments,
		shipments,
		refunds,
		timeline
	};
}
