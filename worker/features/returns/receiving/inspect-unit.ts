import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { locations } from '../../../../db/schema/inventory';
import type { ReturnLineStatus, ReturnStatus, UnitGrade } from '../../../../db/schema/returns';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, Invalid } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { expectVersion } from '../../../core/preconditions';
import { auditEntry } from '../../audit/record';
import { restock } from '../../inventory/ledger';
import { timelineEvent } from '../../orders/timeline';
import { deriveReturnStatus, lineTransition } from '../line-states';
import { decideAfterInspection, type LineDecision } from '../policy/decide';
import { OPEN_BOX } from './open-box';
import { readUnitSnapshot, type UnitSnapshot } from './unit-snapshot';
import { unitById } from './internal';
import type { Inspect, Unit } from './schemas';

export const DISPOSITION_WORDS: Record<Inspect['disposition'], string> = {
	restock: 'restocked',
	restock_open_box: 'restocked as open box',
	quarantine: 'kept in quarantine',
	return_to_vendor: 'to go back to the vendor',
	repair: 'sent for repair',
	donate: 'to be donated',
	dispose: 'to be disposed of',
	return_to_customer: 'to be sent back to the customer'
};

/**
 * Grades one received unit and decides what happens to it. Only the two restock
 * dispositions move stock (a return_restock movement in THIS batch); quarantine keeps the
 * unit out of stock and may be decided again later; the others record the decision. When
 * every unit of a line is in and inspected the line becomes 'inspected' and the policy's
 * decision is re-run with the grade (fees, partial refunds), stored on the line.
 */
export async function inspectUnit({
	ctx,
	returnId,
	unitId,
	input
}: {
	ctx: Ctx;
	returnId: string;
	unitId: string;
	input: Inspect;
}): Promise<Unit> {
	const snap = await readUnitSnapshot(ctx, returnId, unitId);
	const { unit, ret } = snap;
	if (unit.disposition !== null && unit.disposition !== 'quarantine')
		throw new Conflict(
			'unit-already-inspected',
			`This item was already ${DISPOSITION_WORDS[unit.disposition]}`,
			'Only an item kept in quarantine can be decided again.'
		);
	if (input.disposition.startsWith('restock') && !unit.productId)
		throw new Invalid(
			'unknown-item-not-restockable',
			'This item matches no product, so it cannot go back into stock',
			'Keep it in quarantine, or choose return to customer, donate or dispose.',
			{ disposition: ['Not for an item without a product'] }
		);
	const { db } = ctx;
	const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
		expectVersion(ctx, 'return_unit', unit.id, input.version ?? unit.version),
		expectVersion(ctx, 'return', ret.id, ret.version),
		db.run(sql`UPDATE return_units SET grade = ${input.grade}, disposition = ${input.disposition},
			note = ${input.note ?? null}, inspected_by_id = ${actorId(ctx)}, inspected_at = ${ctx.now},
			version = version + 1 WHERE id = ${unit.id}`)
	];
	const where = stockPlace(ctx, snap, input.disposition, writes);
	if (where)
		writes.push(
			...restock(db, {
				productId: unit.productId!,
				locationId: where.id,
				quantity: 1,
				reason: `Return ${ret.number}: graded ${input.grade.replace('_', ' ')}`,
				reference: ret.number,
				actorId: actorId(ctx),
				at: ctx.now
			})
		);
	const lineMove = lineAfter(snap, input.grade);
	if (lineMove) writes.push(lineMove.write(ctx));
	const status: ReturnStatus =
		ret.status === 'held'
			? 'held'
			: deriveReturnStatus(
					snap.lines.map((l) => (l.line === lineMove?.line ? { ...l, status: lineMove.status } : l))
				);
	const name = unit.productName ?? unit.code;
	const at = where ? ` at ${where.name}` : '';
	writes.push(
		db.run(sql`UPDATE returns SET status = ${status}, version = version + 1, updated_at = ${ctx.now}
			WHERE id = ${ret.id}`),
		auditEntry(ctx, {
			action: 'returns.inspect',
			target: { type: 'return', id: ret.id },
			details: {
				unitId: unit.id,
				line: unit.line,
				grade: input.grade,
				disposition: input.disposition,
				restockedAt: where?.id ?? null,
				lineStatus: lineMove?.status ?? null
			}
		}),
		timelineEvent(ctx, {
			entityKind: 'return',
			entityId: ret.id,
			orderId: ret.orderId,
			customerId: ret.customerId,
			kind: 'return.inspected',
			summary: `Inspected 1 × ${name}: graded ${input.grade.replace('_', ' ')}, ${DISPOSITION_WORDS[input.disposition]}${at}`,
			data: {
				number: ret.number,
				unitId: unit.id,
				grade: input.grade,
				disposition: input.disposition
			}
		})
	);
	return mutate<Unit>(ctx, { writes, result: unitById(unit.id) });
}

/** The location a restocked unit goes to, making the open-box one if it is missing. */
function stockPlace(
	ctx: Ctx,
	snap: UnitSnapshot,
	disposition: Inspect['disposition'],
	writes: BatchItem<'sqlite'>[]
): { id: string; name: string } | null {
	if (disposition === 'restock') return { id: snap.unit.locationId, name: snap.unit.locationName };
	if (disposition !== 'restock_open_box') return null;
	if (snap.openBox) return snap.openBox;
	const made = { id: crypto.randomUUID(), name: 'Open box' };
	writes.push(
		ctx.db
			.insert(locations)
			.values({ id: made.id, code: OPEN_BOX, name: made.name, createdAt: ctx.now })
	);
	return made;
}

/** The unit's line after this inspection: inspected once all its units are in and graded. */
function lineAfter(snap: UnitSnapshot, grade: UnitGrade) {
	const { unit } = snap;
	const line = snap.lines.find((l) => l.line === unit.line);
	if (!line) return null;
	const first = unit.grade === null;
	const inspected = line.quantityInspected + (first ? 1 : 0);
	const complete = inspected >= line.quantityReceived && line.quantityReceived >= line.quantity;
	const status: ReturnLineStatus =
		complete && line.status === 'received'
			? lineTransition(line.line, line.status, 'inspected')
			: line.status;
	const decision = status !== line.status ? regrade(line.decision, grade) : null;
	return {
		line: line.line,
		status,
		write: (ctx: Ctx) =>
			ctx.db.run(sql`UPDATE return_lines SET quantity_inspected = ${inspected}, status = ${status}
				${decision ? sql`, decision = ${JSON.stringify(decision)}, fee_minor = ${decision.feeMinor}, refund_minor = ${decision.refundMinor}` : sql``}
				WHERE return_id = ${snap.ret.id} AND line = ${line.line}`)
	};
}

/** The policy's decision re-run with the grade; none when the line carries no engine decision. */
export function regrade(
	decision: Record<string, unknown> | null,
	grade: UnitGrade
): LineDecision | null {
	if (!decision || typeof decision !== 'object' || !('terms' in decision)) return null;
	return decideAfterInspection(decision as unknown as LineDecision, grade);
}
