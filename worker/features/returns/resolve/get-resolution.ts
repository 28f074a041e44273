import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import type { Resolution } from './schemas';

export const GOODWILL_APPROVAL_KEY = 'returns.goodwill_approval_minor';
export const GOODWILL_APPROVAL_DEFAULT = 2000;

/** The goodwill approval threshold (settings, else the default), as a scalar SQL value. */
export const goodwillApprovalSql = sql`COALESCE((SELECT CAST(value AS INTEGER) FROM settings
	WHERE key = ${GOODWILL_APPROVAL_KEY}), ${GOODWILL_APPROVAL_DEFAULT})`;

/**
 * What the resolve panel shows, as one scalar JSON SELECT (the resolve route reads it
 * after its writes, in the same batch): the lines with their state, decision and refund;
 * the order's payments with what is captured, refunded and being refunded; this return's
 * refunds with their status (a failed one shows its reason and the manual path); the
 * messages to the customer in the notifications outbox (the embedded default sends none:
 * they are shown here); the store credit it gave and the customer's balance in the return's currency.
 */
export function resolutionOf(id: string): SQL {
	return sql`SELECT json_object(
		'id', r.id, 'number', r.number, 'status', r.status, 'version', r.version,
		'currency', r.currency, 'customerId', r.customer_id, 'orderId', r.order_id,
		'refundMinor', r.refund_minor, 'shippingRefundMinor', r.shipping_refund_minor,
		'resolvedAt', r.resolved_at, 'goodwillApprovalMinor', ${goodwillApprovalSql},
		'lines', (SELECT json_group_array(json_object('line', l.line, 'sku', l.sku,
				'quantity', l.quantity, 'quantityReceived', l.quantity_received, 'status', l.status,
				'outcome', l.outcome, 'refundMinor', l.refund_minor, 'feeMinor', l.fee_minor,
				'replacementOrderLine', l.replacement_order_line,
				'decision', json(l.decision)))
			FROM (SELECT * FROM return_lines WHERE return_id = r.id ORDER BY line) l),
		'payments', (SELECT json_group_array(json_object('id', p.id, 'capturedMinor', p.captured_minor,
				'refundedMinor', p.refunded_minor,
				'refundingMinor', COALESCE((SELECT SUM(x.amount_minor) FROM refunds x
					WHERE x.payment_id = p.id AND x.status <> 'failed'), 0),
				'cardBrand', p.card_brand, 'cardLast4', p.card_last4, 'createdAt', p.created_at))
			FROM (SELECT * FROM payments WHERE order_id = r.order_id AND captured_minor > 0
				ORDER BY created_at DESC) p),
		'refunds', (SELECT json_group_array(json_object('id', f.id, 'paymentId', f.payment_id,
				'amountMinor', f.amount_minor, 'kind', f.kind, 'status', f.status, 'reason', f.reason,
				'failureReason', f.failure_reason, 'approvedById', f.approved_by_id,
				'createdAt', f.created_at))
			FROM (SELECT * FROM refunds WHERE return_id = r.id ORDER BY created_at, id) f),
		'notifications', (SELECT json_group_array(json_object('id', n.id, 'template', n.template,
				'subject', n.subject, 'body', n.body, 'status', n.status, 'createdAt', n.created_at))
			FROM (SELECT * FROM customer_notifications WHERE return_id = r.id
				ORDER BY created_at DESC, id LIMIT 20) n),
		'storeCreditMinor', COALESCE((SELECT SUM(amount_minor) FROM store_credit_entries
			WHERE return_id = r.id AND kind <> 'spend'), 0),
		'storeCreditBalanceMinor', COALESCE((SELECT SUM(e.amount_minor) FROM store_credit_entries e
			WHERE e.currency = r.currency AND e.customer_id IN (SELECT id FROM customers
				WHERE id = r.customer_id OR merged_into = r.customer_id)), 0)
	) FROM returns r WHERE r.id = ${id}`;
}

export async function getResolution({ ctx, id }: { ctx: Ctx; id: string }): Promise<Resolution> {
	const [row] = await ctx.db.all<{ body: string | null }>(
		sql`SELECT (${resolutionOf(id)}) AS body`
	);
	if (!row?.body)
		throw new NotFound('return-not-found', 'No such return', `No return has id ${id}.`);
	return JSON.parse(row.body) as Resolution;
}
