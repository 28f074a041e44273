import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { locations } from '../../../../db/schema/inventory';
import type { ReturnLineStatus, ReturnStatus } from '../../../../db/schema/returns';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, Invalid } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { expectVersion } from '../../../core/preconditions';
import { auditEntry } from '../../audit/record';
import { restock } from '../../inventory/ledger';
import { timelineEvent } from '../../orders/timeline';
import { deriveReturnStatus, lineTransition } from '../line-states';
import { DISPOSITION_WORDS, regrade } from './inspect-unit';
import { iso } from './internal';
import { OPEN_BOX } from './open-box';
import { readLineSnapshot, type LineSnapshot } from './line-snapshot';
import type { InspectLine, LineInspection } from './schemas';

/**
 * Grades N received units of one line alike ("6 × new, restock") in ONE batch: the same
 * rules as inspecting each unit (inspect-unit.ts): only units without a decision, then
 * those kept in quarantine, are taken, oldest first; restocking writes ledger movements in this batch (one per
 * location); the line becomes 'inspected' when all its units are in and graded, its decision
 * re-run with the grade. Every unit taken and the return carry version preconditions, so a
 * second submit of the same form (or a colleague's inspection in between) is a 409, never
 * a second restock; the route also takes an Idempotency-Key, replayed as first answered.
 */
export async function inspectLine({
	ctx,
	returnId,
	line,
	input
}: {
	ctx: Ctx;
	returnId: string;
	line: number;
	input: InspectLine;
}): Promise<LineInspection> {
	const snap = await readLineSnapshot(ctx, returnId, line);
	const { ret } = snap;
	if (input.version !== undefined && input.version !== ret.version)
		throw new Conflict(
			'return-changed',
			'This return changed since you loaded it',
			'Someone else received, inspected or changed this return a moment ago. Reload it, then try again.'
		);
	const count = input.quantity ?? snap.waiting.length;
	if (snap.waiting.length === 0 || count > snap.waiting.length)
		throw new Conflict(
			'units-not-waiting',
			snap.waiting.length === 0
				? `No item of line ${line} is waiting for inspection`
				: `Only ${snap.waiting.length} item(s) of line ${line} wait for inspection, not ${count}`,
			'Receive the items first, or reload the return to see what is already decided.'
		);
	const units = snap.waiting.slice(0, count);
	if (input.disposition.startsWith('restock') && units.some((u) => !u.productId))
		throw new Invalid(
			'unknown-item-not-restockable',
			'These items match no product, so they cannot go back into stock',
			'Keep them in quarantine, or choose return to customer, donate or dispose.',
			{ disposition: ['Not for an item without a product'] }
		);
	const { db } = ctx;
	const ids = units.map((u) => u.id);
	const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
		expectVersion(ctx, 'return', ret.id, ret.version),
		...units.map((u) => expectVersion(ctx, 'return_unit', u.id, u.version)),
		db.run(sql`UPDATE return_units SET grade = ${input.grade}, disposition = ${input.disposition},
			note = ${input.note ?? null}, inspected_by_id = ${actorId(ctx)}, inspected_at = ${ctx.now},
			version = version + 1 WHERE id IN (${sql.join(
				ids.map((id) => sql`${id}`),
				sql`, `
			)})`)
	];
	const places = restockPlaces(ctx, snap, units, input.disposition, writes);
	const grade = input.grade.replace('_', ' ');
	for (const place of places)
		writes.push(
			...restock(db, {
				productId: place.productId,
				locationId: place.id,
				quantity: place.quantity,
				reason: `Return ${ret.number}: graded ${grade}`,
				reference: ret.number,
				actorId: actorId(ctx),
				at: ctx.now
			})
		);
	const firstGraded = units.filter((u) => u.grade === null).length;
	const lineMove = lineAfter(snap, line, firstGraded, input.grade);
	writes.push(lineMove.write(ctx));
	const status: ReturnStatus =
		ret.status === 'held'
			? 'held'
			: deriveReturnStatus(
					snap.lines.map((l) => (l.line === line ? { ...l, status: lineMove.status } : l))
				);
	const name = units[0]!.productName ?? units[0]!.code;
	const at = places.length ? ` at ${places.map((p) => p.name).join(', ')}` : '';
	writes.push(
		db.run(sql`UPDATE returns SET status = ${status}, version = version + 1, updated_at = ${ctx.now}
			WHERE id = ${ret.id}`),
		auditEntry(ctx, {
			action: 'returns.inspect_line',
			target: { type: 'return', id: ret.id },
			details: {
				line,
				units: ids,
				grade: input.grade,
				disposition: input.disposition,
				restocked: places.map((p) => ({ locationId: p.id, quantity: p.quantity })),
				lineStatus: lineMove.status
			}
		}),
		timelineEvent(ctx, {
			entityKind: 'return',
			entityId: ret.id,
			orderId: ret.orderId,
			customerId: ret.customerId,
			kind: 'return.inspected',
			summary: `Inspected ${count} × ${name}: graded ${grade}, ${DISPOSITION_WORDS[input.disposition]}${at}`,
			data: {
				number: ret.number,
				line,
				units: ids,
				grade: input.grade,
				disposition: input.disposition
			}
		})
	);
	return mutate<LineInspection>(ctx, { writes, result: inspectionResult(ret.id, line, ids) });
}

type Waiting = LineSnapshot['waiting'][number];

/** Where restocked units go, counted per location (the open-box one made if missing). */
function restockPlaces(
	ctx: Ctx,
	snap: LineSnapshot,
	units: Waiting[],
	disposition: InspectLine['disposition'],
	writes: BatchItem<'sqlite'>[]
) {
	if (disposition !== 'restock' && disposition !== 'restock_open_box') return [];
	let openBox = snap.openBox;
	if (disposition === 'restock_open_box' && !openBox) {
		openBox = { id: crypto.randomUUID(), name: 'Open box' };
		writes.push(
			ctx.db
				.insert(locations)
				.values({ id: openBox.id, code: OPEN_BOX, name: openBox.name, createdAt: ctx.now })
		);
	}
	const places = new Map<
		string,
		{ id: string; name: string; productId: string; quantity: number }
	>();
	for (const u of units) {
		const where =
			openBox && disposition === 'restock_open_box'
				? openBox
				: { id: u.locationId, name: u.locationName };
		const key = `${where.id}:${u.productId}`;
		const place = places.get(key) ?? { ...where, productId: u.productId!, quantity: 0 };
		place.quantity++;
		places.set(key, place);
	}
	return [...places.values()];
}

/** The line after grading `count` units for the first time: inspected once all are in and graded. */
function lineAfter(snap: LineSnapshot, lineNo: number, count: number, grade: InspectLine['grade']) {
	const line = snap.lines.find((l) => l.line === lineNo)!;
	const inspected = line.quantityInspected + count;
	const complete = inspected >= line.quantityReceived && line.quantityReceived >= line.quantity;
	const status: ReturnLineStatus =
		complete && line.status === 'received'
			? lineTransition(line.line, line.status, 'inspected')
			: line.status;
	const decision = status !== line.status ? regrade(line.decision, grade) : null;
	return {
		status,
		write: (ctx: Ctx) =>
			ctx.db.run(sql`UPDATE return_lines SET quantity_inspected = ${inspected}, status = ${status}
				${decision ? sql`, decision = ${JSON.stringify(decision)}, fee_minor = ${decision.feeMinor}, refund_minor = ${decision.refundMinor}` : sql``}
				WHERE return_id = ${snap.ret.id} AND line = ${line.line}`)
	};
}

/** The answer, read inside the batch: the line's state and the units just graded. */
const inspectionResult = (returnId: string, line: number, ids: string[]) => sql`SELECT json_object(
	'returnId', ret.id, 'returnStatus', ret.status, 'version', ret.version, 'line', rl.line,
	'lineStatus', rl.status, 'inspected', ${ids.length},
	'units', json((SELECT json_group_array(json_object('id', n.id, 'grade', n.grade,
		'disposition', n.disposition, 'locationId', n.location_id, 'version', n.version,
		'inspectedAt', ${iso('n.inspected_at')}))
		FROM return_units n WHERE n.id IN (${sql.join(
			ids.map((id) => sql`${id}`),
			sql`, `
		)}))))
	FROM returns ret JOIN return_lines rl ON rl.return_id = ret.id AND rl.line = ${line}
	WHERE ret.id = ${returnId}`;
