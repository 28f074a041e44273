import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { isoTime } from '../users/internal';
import { returnSummaryJson } from './internal';
import type { ReturnDetail } from './schemas';

type Row = Record<string, unknown>;
const parse = <T>(s: unknown): T | null => (typeof s === 'string' ? (JSON.parse(s) as T) : null);

/**
 * A return with its order, customer, lines (state, decision, refund, outcome), inbound
 * parcels, notifications and timeline: one batch, one round trip. Receipts and units are
 * receiving's own route (GET /api/returns/:id/receiving).
 */
export async function getReturn({ ctx, id }: { ctx: Ctx; id: string }): Promise<ReturnDetail> {
	const { db } = ctx;
	const [head, lines, shipments, notifications, timeline] = await db.batch([
		db.all<Row>(
			sql`SELECT ${returnSummaryJson} AS summary, r.channel, r.review_reason AS reviewReason,
				r.notes, r.shipping_refund_minor AS shippingRefundMinor,
				${isoTime(sql`r.authorised_at`)} AS authorisedAt, ${isoTime(sql`r.resolved_at`)} AS resolvedAt,
				CASE WHEN o.id IS NULL THEN NULL ELSE json_object('id', o.id, 'number', o.number,
					'status', o.status, 'placedAt', ${isoTime(sql`o.placed_at`)},
					'shippingAddress', json(o.shipping_address)) END AS orderJson,
				CASE WHEN c.id IS NULL THEN NULL ELSE json_object('id', c.id, 'number', c.number,
					'name', c.name, 'email', c.email) END AS customerJson
				FROM returns r LEFT JOIN orders o ON o.id = r.order_id
				LEFT JOIN customers c ON c.id = r.customer_id WHERE r.id = ${id}`
		),
		db.all<Row>(
			sql`SELECT rl.line, rl.order_id AS orderId, rl.order_line AS orderLine,
				rl.product_id AS productId, rl.sku, COALESCE(ol.name, p.name) AS name, rl.quantity,
				rl.quantity_received AS quantityReceived, rl.quantity_inspected AS quantityInspected,
				rl.status, rl.reason_code AS reasonCode, rr.label AS reasonLabel, rl.reason, rl.note,
				rl.outcome, rl.decision, rl.fee_minor AS feeMinor, rl.refund_minor AS refundMinor,
				rl.replacement_order_line AS replacementOrderLine
				FROM return_lines rl
				LEFT JOIN order_lines ol ON ol.order_id = rl.order_id AND ol.line = rl.order_line
				LEFT JOIN products p ON p.id = rl.product_id
				LEFT JOIN return_reasons rr ON rr.code = rl.reason_code
				WHERE rl.return_id = ${id} ORDER BY rl.line`
		),
		db.all<Row>(
			sql`SELECT id, carrier, tracking_number AS trackingNumber, status, paid_by AS paidBy, version,
				${isoTime(sql`created_at`)} AS createdAt
				FROM return_shipments WHERE return_id = ${id} ORDER BY created_at, id`
		),
		db.all<Row>(
			sql`SELECT id, template, channel, subject, body, status, sent_via AS sentVia, attempts,
				last_error AS lastError, ${isoTime(sql`created_at`)} AS createdAt
				FROM customer_notifications WHERE return_id = ${id} ORDER BY created_at, id`
		),
		db.all<Row>(
			sql`SELECT id, ${isoTime(sql`at`)} AS at, actor_label AS actorLabel, kind, summary
				FROM timeline_events WHERE entity_kind = 'return' AND entity_id = ${id} ORDER BY at, rowid`
		)
	]);
	const row = head[0];
	if (!row) throw new NotFound('return-not-found', 'No such return', `No return has id ${id}.`);
	return {
		...(JSON.parse(row.summary as string) as object),
		channel: row.channel,
		reviewReason: row.reviewReason,
		notes: row.notes,
		shippingRefundMinor: row.shippingRefundMinor,
		authorisedAt: row.authorisedAt,
		resolvedAt: row.resolvedAt,
		order: parse(row.orderJson),
		customer: parse(row.customerJson),
		lines: lines.map((l) => ({ ...l, decision: parse(l.decision) })),
		shipments,
		notifications,
		timeline
	} as ReturnDetail;
}
