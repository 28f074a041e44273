import { sql, type SQL } from 'drizzle-orm';
import { registerConstraintError } from '../../core/constraint-errors';
import type { Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import type { SnapshotLine, TransferSnapshot } from './lifecycle';

// The database's own refusals (migration 0022), for a batch whose snapshot moved.
registerConstraintError(
	'precondition_transfer_changed',
	() =>
		new Conflict(
			'transfer-changed',
			'This transfer changed since you loaded it',
			'Someone else changed this transfer a moment ago. Reload it, then try again.'
		)
);
registerConstraintError(
	'transfer_lines_received_within_sent',
	() =>
		new Conflict(
			'over-receipt',
			'More than was sent',
			'Another receipt of this transfer arrived first; this one would take it over what was sent. Reload the transfer.'
		)
);
registerConstraintError(
	'transfers_two_locations',
	() => new Conflict('same-location', 'Choose two different locations')
);

const iso = (column: SQL) => sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
const who = (column: SQL) =>
	sql`(SELECT json_object('id', u.id, 'name', u.name) FROM users u WHERE u.id = ${column})`;
const place = (column: SQL) =>
	sql`(SELECT json_object('id', l.id, 'code', l.code, 'name', l.name) FROM locations l WHERE l.id = ${column})`;

/** The facts every transfer row carries, over `t` (transfers). */
const facts = sql`'id', t.id, 'number', t.number, 'status', t.status,
	'from', json(${place(sql`t.from_location_id`)}), 'to', json(${place(sql`t.to_location_id`)}),
	'note', t.note, 'version', t.version,
	'createdBy', json(${who(sql`t.created_by`)}), 'createdAt', ${iso(sql`t.created_at`)},
	'sentBy', json(${who(sql`t.sent_by`)}), 'sentAt', ${iso(sql`t.sent_at`)},
	'receivedBy', json(${who(sql`t.received_by`)}), 'receivedAt', ${iso(sql`t.received_at`)},
	'cancelledAt', ${iso(sql`t.cancelled_at`)},
	'units', (SELECT json_object('sent', coalesce(sum(quantity_sent), 0),
		'received', coalesce(sum(quantity_received), 0),
		'inTransit', CASE WHEN t.status IN ('sent', 'partially_received')
			THEN coalesce(sum(quantity_sent - quantity_received), 0) ELSE 0 END)
		FROM transfer_lines WHERE transfer_id = t.id)`;

/** A list row: the facts and how many lines. */
export const summaryJson = sql`json_object(${facts},
	'lineCount', (SELECT count(*) FROM transfer_lines WHERE transfer_id = t.id))`;

/** One transfer with its lines, as the JSON the API answers (a scalar query over its id). */
export function transferJson(id: string | SQL): SQL {
	return sql`(SELECT json_object(${facts}, 'lines', (SELECT json_group_array(json(line)) FROM (
			SELECT json_object('productId', p.id, 'sku', p.sku, 'barcode', p.barcode, 'name', p.name,
				'quantitySent', tl.quantity_sent, 'quantityReceived', tl.quantity_received,
				'inTransit', CASE WHEN t.status IN ('sent', 'partially_received')
					THEN tl.quantity_sent - tl.quantity_received ELSE 0 END) AS line
			FROM transfer_lines tl JOIN products p ON p.id = tl.product_id
			WHERE tl.transfer_id = t.id ORDER BY p.sku)))
	FROM transfers t WHERE t.id = ${id})`;
}

/**
 * The snapshot a send, cancel or receipt decides on: the transfer and its lines, with what
 * is available at the source now. One batch (one round trip).
 */
export async function readSnapshot(
	ctx: Ctx,
	id: string
): Promise<{ transfer: TransferSnapshot; lines: SnapshotLine[] }> {
	const { db } = ctx;
	const [found, lines] = await db.batch([
		db.all<TransferSnapshot>(
			sql`SELECT t.id, t.number, t.status, t.version,
				t.from_location_id AS fromLocationId, t.to_location_id AS toLocationId,
				(SELECT code FROM locations WHERE id = t.from_location_id) AS fromCode,
				(SELECT code FROM locations WHERE id = t.to_location_id) AS toCode
				FROM transfers t WHERE t.id = ${id}`
		),
		db.all<SnapshotLine>(
			sql`SELECT tl.product_id AS productId, p.sku, tl.quantity_sent AS quantitySent,
				tl.quantity_received AS quantityReceived,
				coalesce(s.on_hand - s.reserved, 0) AS available
				FROM transfer_lines tl
				JOIN transfers t ON t.id = tl.transfer_id
				JOIN products p ON p.id = tl.product_id
				LEFT JOIN stock_levels s ON s.product_id = tl.product_id
					AND s.location_id = t.from_location_id
				WHERE tl.transfer_id = ${id}`
		)
	]);
	const transfer = found[0];
	if (!transfer)
		throw new NotFound('transfer-not-found', 'No such transfer', `No transfer has id ${id}.`);
	return { transfer, lines };
}
