import { sql, type SQL } from 'drizzle-orm';
import { registerConstraintError } from '../../../core/constraint-errors';
import { Conflict, NotFound } from '../../../core/errors';

// Receiving's shared lookups and the errors its preconditions raise (migration 0029).
registerConstraintError(
	'precondition_return_changed',
	() =>
		new Conflict(
			'return-changed',
			'This return changed since you loaded it',
			'Someone else received, inspected or changed this return a moment ago. Reload it, then try again.'
		)
);
registerConstraintError(
	'precondition_return_unit_changed',
	() =>
		new Conflict(
			'return-unit-changed',
			'This item was inspected by someone else a moment ago',
			'Reload the return to see its grade and disposition, then decide again.'
		)
);
registerConstraintError(
	'return_receipts.idempotency_key',
	() =>
		new Conflict(
			'receipt-already-recorded',
			'This scan was already received',
			'The same scan reached Ordo twice; it was applied once. Reload the return to see it.'
		)
);

export const returnNotFound = (id: string) =>
	new NotFound('return-not-found', 'No such return', `No return has id ${id}.`);

export const iso = (column: SQL | string): SQL =>
	sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${typeof column === 'string' ? sql.raw(column) : column} / 1000.0, 'unixepoch')`;

/** The return's status, read inside the batch after the writes. */
export const statusAfter = (returnId: string): SQL =>
	sql`(SELECT status FROM returns WHERE id = ${returnId})`;

/** A receipt as the API shows it, read inside the batch (the mutation's result). */
export const receiptById = (id: string): SQL => sql`SELECT json_object(
	'id', r.id, 'returnId', r.return_id, 'returnNumber', ret.number, 'line', r.line,
	'productId', r.product_id, 'productName', p.name, 'code', r.code, 'quantity', r.quantity,
	'expected', json(CASE WHEN r.expected THEN 'true' ELSE 'false' END), 'flag', r.flag,
	'locationId', r.location_id, 'locationName', l.name,
	'deviceTime', CASE WHEN r.device_time IS NULL THEN NULL ELSE ${iso('r.device_time')} END,
	'receivedBy', u.name, 'createdAt', ${iso('r.created_at')}, 'returnStatus', ret.status)
	FROM return_receipts r JOIN returns ret ON ret.id = r.return_id
	JOIN locations l ON l.id = r.location_id
	LEFT JOIN products p ON p.id = r.product_id LEFT JOIN users u ON u.id = r.received_by_id
	WHERE r.id = ${id}`;

/** A unit as the API shows it, read inside the batch (the inspection's result). */
export const unitById = (id: string): SQL => sql`SELECT json_object('id', n.id,
	'receiptId', n.receipt_id, 'line', n.line, 'productId', n.product_id, 'productName', p.name,
	'code', x.code, 'locationId', n.location_id, 'locationName', l.name, 'grade', n.grade,
	'disposition', n.disposition, 'note', n.note, 'inspectedBy', u.name,
	'inspectedAt', CASE WHEN n.inspected_at IS NULL THEN NULL ELSE ${iso('n.inspected_at')} END,
	'version', n.version,
	'evidence', json((SELECT json_group_array(e.id) FROM return_evidence e WHERE e.unit_id = n.id)))
	FROM return_units n JOIN return_receipts x ON x.id = n.receipt_id
	JOIN locations l ON l.id = n.location_id LEFT JOIN products p ON p.id = n.product_id
	LEFT JOIN users u ON u.id = n.inspected_by_id WHERE n.id = ${id}`;
