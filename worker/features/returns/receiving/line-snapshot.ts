import { sql } from 'drizzle-orm';
import type { ReturnLineStatus, ReturnStatus } from '../../../../db/schema/returns';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import { OPEN_BOX } from './open-box';
import { returnNotFound } from './internal';

export type LineSnapshot = {
	ret: {
		id: string;
		number: string;
		status: ReturnStatus;
		version: number;
		orderId: string | null;
		customerId: string | null;
	};
	lines: {
		line: number;
		status: ReturnLineStatus;
		quantity: number;
		quantityReceived: number;
		quantityInspected: number;
		decision: Record<string, unknown> | null;
	}[];
	/** The line's units a decision may still be taken for: not yet decided first, then those
	 *  kept in quarantine (as inspect-unit.ts allows), oldest first. */
	waiting: {
		id: string;
		grade: string | null;
		productId: string | null;
		productName: string | null;
		code: string;
		locationId: string;
		locationName: string;
		version: number;
	}[];
	openBox: { id: string; name: string } | null;
};

/** The return, its lines, one line's units waiting for inspection, the open-box location: one query. */
export async function readLineSnapshot(
	ctx: Ctx,
	returnId: string,
	line: number
): Promise<LineSnapshot> {
	const [row] = await ctx.db.all<{ body: string }>(sql`SELECT json_object(
		'ret', json((SELECT json_object('id', id, 'number', number, 'status', status,
			'version', version, 'orderId', order_id, 'customerId', customer_id)
			FROM returns WHERE id = ${returnId})),
		'lines', json((SELECT json_group_array(json_object('line', line, 'status', status,
			'quantity', quantity, 'quantityReceived', quantity_received,
			'quantityInspected', quantity_inspected, 'decision', json(decision)))
			FROM return_lines WHERE return_id = ${returnId})),
		'waiting', json((SELECT json_group_array(json_object('id', n.id, 'grade', n.grade,
			'productId', n.product_id,
			'productName', p.name, 'code', x.code, 'locationId', n.location_id, 'locationName', l.name,
			'version', n.version))
			FROM (SELECT * FROM return_units WHERE return_id = ${returnId} AND line = ${line}
				AND (disposition IS NULL OR disposition = 'quarantine')
				ORDER BY disposition IS NOT NULL, created_at, id) n
			JOIN return_receipts x ON x.id = n.receipt_id
			JOIN locations l ON l.id = n.location_id LEFT JOIN products p ON p.id = n.product_id)),
		'openBox', json((SELECT json_object('id', id, 'name', name) FROM locations
			WHERE code = ${OPEN_BOX}))
	) AS body`);
	const snap = JSON.parse(row!.body) as LineSnapshot;
	if (!snap.ret) throw returnNotFound(returnId);
	if (!snap.lines.some((l) => l.line === line))
		throw new NotFound(
			'return-line-not-found',
			'No such line on this return',
			`Return ${snap.ret.number} has no line ${line}.`
		);
	return snap;
}
