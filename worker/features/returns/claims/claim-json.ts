import { sql, type SQL } from 'drizzle-orm';

const iso = (column: string) =>
	sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`);

/** A claim as the API answers it: one scalar SELECT, usable as mutate()'s result. */
export function claimById(id: string): SQL {
	return sql`SELECT json_object(
		'id', r.id, 'number', r.number, 'kind', r.kind, 'orderId', r.order_id,
		'orderNumber', o.number, 'customerId', r.customer_id, 'status', r.status,
		'currency', r.currency, 'refundMinor', r.refund_minor, 'notes', r.notes,
		'createdAt', ${iso('r.created_at')},
		'resolvedAt', CASE WHEN r.resolved_at IS NULL THEN NULL ELSE ${iso('r.resolved_at')} END,
		'lines', (SELECT json_group_array(json_object('line', l.line, 'orderLine', l.order_line,
				'sku', l.sku, 'quantity', l.quantity, 'quantityReceived', l.quantity_received,
				'status', l.status, 'reasonCode', l.reason_code, 'outcome', l.outcome,
				'refundMinor', l.refund_minor, 'replacementOrderLine', l.replacement_order_line))
			FROM (SELECT * FROM return_lines WHERE return_id = r.id ORDER BY line) l),
		'refunds', (SELECT json_group_array(json_object('id', f.id, 'amountMinor', f.amount_minor,
				'status', f.status))
			FROM refunds f WHERE f.return_id = r.id),
		'unitsReturned', (SELECT count(*) FROM return_units u WHERE u.return_id = r.id))
		FROM returns r JOIN orders o ON o.id = r.order_id
		WHERE r.id = ${id} AND r.kind = 'claim'`;
}
