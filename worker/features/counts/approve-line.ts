import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { count } from '../inventory/ledger';
import { decideCount } from './decide';
import { lineById } from './internal';
import { placeQuery, placeUnchanged, readPlace, withFreshSnapshot } from './snapshot';
import type { CountLine } from './schemas';

type LineFacts = {
	taskId: string;
	productId: string;
	locationId: string;
	counted: number;
	countedAt: number;
	deviceTime: number;
	status: string;
	version: number;
	priceMinor: number;
};

/**
 * A manager accepts a count that waited (over a threshold, or two devices). It is applied
 * as of when it was counted, read afresh now: movements that arrived while it waited are
 * accounted for too. Under the line's version, so two managers cannot apply it twice.
 */
export async function approveLine({ ctx, id }: { ctx: Ctx; id: string }): Promise<CountLine> {
	return withFreshSnapshot(() => attempt(ctx, id));
}

async function attempt(ctx: Ctx, id: string): Promise<CountLine> {
	const { db } = ctx;
	const of = (col: string) => sql`(SELECT ${sql.raw(col)} FROM count_lines WHERE id = ${id})`;
	const [row] = await placeQuery(
		ctx,
		{ taskId: of('task_id'), productId: of('product_id'), at: of('counted_at'), deviceId: null },
		sql`, (SELECT json_object('taskId', c.task_id, 'productId', c.product_id,
			'locationId', c.location_id, 'counted', c.counted, 'countedAt', c.counted_at,
			'deviceTime', c.device_time, 'status', c.status, 'version', c.version,
			'priceMinor', p.price_minor)
			FROM count_lines c JOIN products p ON p.id = c.product_id WHERE c.id = ${id}) AS line`
	);
	const head = row as unknown as { line: string | null };
	if (!head.line)
		throw new NotFound('count-line-not-found', 'No such count', `No count has id ${id}.`);
	const line = JSON.parse(head.line) as LineFacts;
	if (line.status !== 'awaiting_approval')
		throw new Conflict(
			'count-line-decided',
			'This count is no longer waiting for a decision',
			`It is ${line.status.replace('_', ' ')}. Reload the queue.`
		);
	const place = readPlace(row!);
	const d = decideCount({
		counted: line.counted,
		onHand: place.onHand,
		movedSince: place.movedSince,
		reserved: place.reserved,
		unitValueMinor: line.priceMinor,
		thresholds: { units: null, valueMinor: null },
		otherDevice: false
	});
	if (d.reasons.includes('below-reserved'))
		throw new Conflict(
			'insufficient-stock',
			'Not enough stock',
			'Applying this count would leave less on hand than is reserved for orders here. Release or move those reservations first, or ask for a recount.'
		);
	const movementId = crypto.randomUUID();
	return mutate<CountLine>(ctx, {
		writes: [
			expectVersion(ctx, 'count_line', id, line.version),
			placeUnchanged(ctx, line, place),
			...count(db, {
				productId: line.productId,
				locationId: line.locationId,
				delta: d.delta,
				reason: `Count approved: ${line.counted} counted, ${d.expected} expected`,
				reference: line.taskId,
				actorId: actorId(ctx),
				deviceTime: line.deviceTime,
				at: ctx.now,
				id: movementId
			}),
			db.run(sql`UPDATE count_lines SET status = 'applied', expected = ${d.expected},
				variance_units = ${d.delta}, variance_value_minor = ${d.varianceValueMinor},
				movement_id = ${movementId}, decided_by_id = ${actorId(ctx)}, decided_at = ${ctx.now},
				version = version + 1, updated_at = ${ctx.now} WHERE id = ${id}`),
			auditEntry(ctx, {
				action: 'inventory.count_approve',
				target: { type: 'count_line', id },
				details: {
					productId: line.productId,
					locationId: line.locationId,
					delta: d.delta,
					movementId
				}
			})
		],
		result: lineById(id, true)
	});
}
