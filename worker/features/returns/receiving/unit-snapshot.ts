import { sql } from 'drizzle-orm';
import type {
	ReturnLineStatus,
	ReturnStatus,
	UnitDisposition,
	UnitGrade
} from '../../../../db/schema/returns';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import { OPEN_BOX } from './open-box';
import { returnNotFound } from './internal';

export type UnitSnapshot = {
	ret: {
		id: string;
		number: string;
		status: ReturnStatus;
		version: number;
		orderId: string | null;
		customerId: string | null;
	};
	unit: {
		id: string;
		line: number | null;
		productId: string | null;
		productName: string | null;
		code: string;
		locationId: string;
		locationName: string;
		grade: UnitGrade | null;
		disposition: UnitDisposition | null;
		version: number;
	};
	lines: {
		line: number;
		status: ReturnLineStatus;
		quantity: number;
		quantityReceived: number;
		quantityInspected: number;
		decision: Record<string, unknown> | null;
	}[];
	openBox: { id: string; name: string } | null;
};

/** The return, the unit (of that return), its lines and the open-box location: one query. */
export async function readUnitSnapshot(
	ctx: Ctx,
	returnId: string,
	unitId: string
): Promise<UnitSnapshot> {
	const [row] = await ctx.db.all<{ body: string }>(sql`SELECT json_object(
		'ret', json((SELECT json_object('id', id, 'number', number, 'status', status,
			'version', version, 'orderId', order_id, 'customerId', customer_id)
			FROM returns WHERE id = ${returnId})),
		'unit', json((SELECT json_object('id', n.id, 'line', n.line, 'productId', n.product_id,
			'productName', p.name, 'code', x.code, 'locationId', n.location_id, 'locationName', l.name,
			'grade', n.grade, 'disposition', n.disposition, 'version', n.version)
			FROM return_units n JOIN return_receipts x ON x.id = n.receipt_id
			JOIN locations l ON l.id = n.location_id LEFT JOIN products p ON p.id = n.product_id
			WHERE n.id = ${unitId} AND n.return_id = ${returnId})),
		'lines', json((SELECT json_group_array(json_object('line', line, 'status', status,
			'quantity', quantity, 'quantityReceived', quantity_received,
			'quantityInspected', quantity_inspected, 'decision', json(decision)))
			FROM return_lines WHERE return_id = ${returnId})),
		'openBox', json((SELECT json_object('id', id, 'name', name) FROM locations
			WHERE code = ${OPEN_BOX}))
	) AS body`);
	const snap = JSON.parse(row!.body) as UnitSnapshot;
	if (!snap.ret) throw returnNotFound(returnId);
	if (!snap.unit)
		throw new NotFound(
			'return-unit-not-found',
			'No such item on this return',
			`Return ${snap.ret.number} has no received item with id ${unitId}.`
		);
	return snap;
}
