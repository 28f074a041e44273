import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { iso, returnNotFound } from './internal';
import type { Receiving } from './schemas';

/**
 * What came in for a return: each line's received and inspected counts, every receipt
 * (flags in words) and every unit with its grade, disposition and photos. One query.
 */
export async function getReceiving({ ctx, id }: { ctx: Ctx; id: string }): Promise<Receiving> {
	const [row] = await ctx.db.all<{ body: string | null }>(sql`SELECT json_object(
		'id', r.id, 'number', r.number, 'status', r.status, 'version', r.version,
		'lines', json((SELECT json_group_array(json_object('line', rl.line, 'sku', rl.sku,
			'productId', rl.product_id, 'productName', p.name, 'barcode', p.barcode,
			'status', rl.status, 'quantity', rl.quantity, 'received', rl.quantity_received,
			'inspected', rl.quantity_inspected, 'refundMinor', rl.refund_minor, 'feeMinor', rl.fee_minor))
			FROM (SELECT * FROM return_lines WHERE return_id = r.id ORDER BY line) rl
			LEFT JOIN products p ON p.id = rl.product_id)),
		'receipts', json((SELECT json_group_array(json_object('id', x.id, 'line', x.line,
			'productId', x.product_id, 'productName', p.name, 'code', x.code, 'quantity', x.quantity,
			'expected', json(CASE WHEN x.expected THEN 'true' ELSE 'false' END), 'flag', x.flag,
			'locationId', x.location_id, 'locationName', l.name,
			'deviceTime', CASE WHEN x.device_time IS NULL THEN NULL ELSE ${iso('x.device_time')} END,
			'receivedBy', u.name, 'createdAt', ${iso('x.created_at')}))
			FROM (SELECT * FROM return_receipts WHERE return_id = r.id ORDER BY created_at, id) x
			JOIN locations l ON l.id = x.location_id LEFT JOIN products p ON p.id = x.product_id
			LEFT JOIN users u ON u.id = x.received_by_id)),
		'units', json((SELECT json_group_array(json_object('id', n.id, 'receiptId', n.receipt_id,
			'line', n.line, 'productId', n.product_id, 'productName', p.name, 'code', x.code,
			'locationId', n.location_id, 'locationName', l.name, 'grade', n.grade,
			'disposition', n.disposition, 'note', n.note, 'inspectedBy', u.name,
			'inspectedAt', CASE WHEN n.inspected_at IS NULL THEN NULL ELSE ${iso('n.inspected_at')} END,
			'version', n.version,
			'evidence', json((SELECT json_group_array(e.id) FROM (SELECT id FROM return_evidence
				WHERE return_id = n.return_id AND unit_id = n.id ORDER BY created_at, id) e))))
			FROM (SELECT * FROM return_units WHERE return_id = r.id ORDER BY created_at, id) n
			JOIN return_receipts x ON x.id = n.receipt_id JOIN locations l ON l.id = n.location_id
			LEFT JOIN products p ON p.id = n.product_id LEFT JOIN users u ON u.id = n.inspected_by_id)),
		'summary', json_object(
			'expected', (SELECT coalesce(sum(quantity), 0) FROM return_lines
				WHERE return_id = r.id AND status NOT IN ('cancelled', 'rejected')),
			'received', (SELECT coalesce(sum(quantity_received), 0) FROM return_lines WHERE return_id = r.id),
			'unexpected', (SELECT count(*) FROM return_units WHERE return_id = r.id AND line IS NULL))
	) AS body FROM returns r WHERE r.id = ${id}`);
	if (!row?.body) throw returnNotFound(id);
	return JSON.parse(row.body) as Receiving;
}
