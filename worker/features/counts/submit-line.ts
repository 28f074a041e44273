import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { countLines } from '../../../db/schema/counts';
import { actorId, type Ctx } from '../../core/context';
import { Conflict, Invalid, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { count } from '../inventory/ledger';
import { decideCount } from './decide';
import { LIVE_LINE, lineById, taskTakesCounts } from './internal';
import { placeQuery, placeUnchanged, readPlace, withFreshSnapshot } from './snapshot';
import type { CountLine, SubmitCountLine } from './schemas';

type TaskRow = { task: string | null; product: string | null };
type TaskFacts = { status: string; locationId: string; blind: number; createdAt: number };
type ProductFacts = { priceMinor: number; currency: string };

/** A device whose clock is off by more than this is not believed about the past. */
const SLACK_MS = 60_000;

/**
 * One counted line from a phone, usually through the offline outbox (so an Idempotency-Key
 * is required: a resend replays the first answer and applies nothing twice). Applied AS OF
 * `countedAt` (corrected by the device's clock offset): decide.ts works out what the
 * system held then; the batch writes that difference as a `count` movement, under
 * preconditions that the level and the task's counts are as read (retried afresh if not).
 */
export async function submitLine({
	ctx,
	taskId,
	input,
	clockOffsetMs
}: {
	ctx: Ctx;
	taskId: string;
	input: SubmitCountLine;
	clockOffsetMs: number;
}): Promise<CountLine> {
	if (!ctx.idempotency)
		throw new Invalid(
			'idempotency-key-required',
			'Send an Idempotency-Key with every count',
			'Counts come from phones that resend when the network drops; the key makes a resend apply once.'
		);
	const deviceTime = Date.parse(input.countedAt);
	const countedAt = Math.min(deviceTime + clockOffsetMs, ctx.now);
	return withFreshSnapshot(() => attempt(ctx, taskId, input, deviceTime, countedAt));
}

async function attempt(
	ctx: Ctx,
	taskId: string,
	input: SubmitCountLine,
	deviceTime: number,
	countedAt: number
): Promise<CountLine> {
	const { db } = ctx;
	const { productId } = input;
	const [row] = await placeQuery(
		ctx,
		{ taskId, productId, at: countedAt, deviceId: input.deviceId },
		sql`, (SELECT json_object('status', status, 'locationId', location_id, 'blind', blind,
			'createdAt', created_at) FROM count_tasks WHERE id = ${taskId}) AS task,
			(SELECT json_object('priceMinor', price_minor, 'currency', currency)
			FROM products WHERE id = ${productId}) AS product`
	);
	const extra = row as unknown as TaskRow;
	if (!extra.task)
		throw new NotFound(
			'count-task-not-found',
			'No such count task',
			`No count task has id ${taskId}.`
		);
	if (!extra.product)
		throw new Invalid('unknown-product', 'No such product', `No product has id ${productId}.`, {
			productId: ['No product has this id']
		});
	const task = JSON.parse(extra.task) as TaskFacts;
	const product = JSON.parse(extra.product) as ProductFacts;
	if (task.status === 'closed')
		throw new Conflict(
			'count-task-closed',
			'This count task is closed',
			'A manager closed it, so it takes no more counts.'
		);
	if (countedAt < task.createdAt - SLACK_MS)
		throw new Invalid(
			'counted-before-task',
			'This count is dated before its task was created',
			"Check the phone's date and time, then count again.",
			{ countedAt: ['Earlier than the task'] }
		);
	const place = readPlace(row!);
	const d = decideCount({
		counted: input.counted,
		onHand: place.onHand,
		movedSince: place.movedSince,
		reserved: place.reserved,
		unitValueMinor: product.priceMinor,
		thresholds: place.thresholds,
		otherDevice: place.otherDevices > 0
	});
	const lineId = crypto.randomUUID();
	const movementId = d.status === 'applied' ? crypto.randomUUID() : null;
	const at = { taskId, productId, locationId: task.locationId };
	const writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
		...taskTakesCounts(ctx, taskId),
		placeUnchanged(ctx, at, place)
	];
	if (movementId)
		writes.push(
			...count(db, {
				productId,
				locationId: task.locationId,
				delta: d.delta,
				reason: `Count: ${input.counted} counted, ${d.expected} expected`,
				reference: taskId,
				actorId: actorId(ctx),
				deviceTime,
				at: ctx.now,
				id: movementId
			})
		);
	writes.push(
		db.insert(countLines).values({
			id: lineId,
			taskId,
			productId,
			locationId: task.locationId,
			bin: place.bin,
			counted: input.counted,
			countedAt,
			deviceTime,
			expected: d.expected,
			varianceUnits: d.delta,
			varianceValueMinor: d.varianceValueMinor,
			currency: product.currency,
			deviceId: input.deviceId,
			countedById: actorId(ctx),
			status: d.status,
			twoDevices: d.reasons.includes('two-devices'),
			movementId,
			idempotencyKey: ctx.idempotency?.key ?? null,
			createdAt: ctx.now,
			updatedAt: ctx.now
		})
	);
	if (d.reasons.includes('two-devices'))
		// Both counts are flagged, so the manager sees the pair; neither is applied twice.
		writes.push(
			db.run(sql`UPDATE count_lines SET two_devices = 1, version = version + 1, updated_at = ${ctx.now}
				WHERE task_id = ${taskId} AND product_id = ${productId} AND location_id = ${task.locationId}
				AND ${LIVE_LINE} AND id != ${lineId}`)
		);
	writes.push(
		auditEntry(ctx, {
			action: 'inventory.count',
			target: { type: 'product', id: productId },
			details: {
				taskId,
				lineId,
				locationId: task.locationId,
				counted: input.counted,
				expected: d.expected,
				delta: d.delta,
				status: d.status,
				waitsFor: d.reasons,
				movementId
			}
		})
	);
	return mutate<CountLine>(ctx, { status: 201, writes, result: lineById(lineId, !task.blind) });
}
