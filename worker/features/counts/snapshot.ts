import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { LIVE_LINE, thresholdsSql } from './internal';
import type { CountApproval } from './schemas';

export type PlaceSnapshot = {
	onHand: number;
	reserved: number;
	bin: string | null;
	/** On-hand change of the movements recorded after `at` (the as-of correction). */
	movedSince: number;
	/** Live counts of this product × location in the task, and those from other devices. */
	liveLines: number;
	otherDevices: number;
	thresholds: CountApproval;
};

type Row = {
	onHand: number | null;
	reserved: number | null;
	bin: string | null;
	movedSince: number;
	liveLines: number;
	otherDevices: number;
	thresholds: string;
};

/**
 * What a count decision reads about one product × location, as one SELECT: the level, the
 * movements since `at` (stock_movements_product_time: product, then time), the task's
 * other counts there and the thresholds. `extra` columns ride along (the task, the line);
 * the ids and time may be subqueries (approving reads them from the line in the same query).
 */
export function placeQuery(
	ctx: Ctx,
	p: { taskId: string | SQL; productId: string | SQL; at: number | SQL; deviceId: string | null },
	extra = sql``
) {
	const loc = sql`(SELECT location_id FROM count_tasks WHERE id = ${p.taskId})`;
	const level = (col: string) =>
		sql`(SELECT ${sql.raw(col)} FROM stock_levels WHERE product_id = ${p.productId} AND location_id = ${loc})`;
	return ctx.db.all<Row & Record<string, unknown>>(sql`SELECT ${level('on_hand')} AS onHand,
		${level('reserved')} AS reserved, ${level('bin')} AS bin,
		(SELECT coalesce(sum(on_hand_delta), 0) FROM stock_movements WHERE product_id = ${p.productId}
			AND location_id = ${loc} AND created_at > ${p.at}) AS movedSince,
		(SELECT count(*) FROM count_lines WHERE task_id = ${p.taskId} AND product_id = ${p.productId}
			AND location_id = ${loc} AND ${LIVE_LINE}) AS liveLines,
		(SELECT count(*) FROM count_lines WHERE task_id = ${p.taskId} AND product_id = ${p.productId}
			AND location_id = ${loc} AND ${LIVE_LINE} AND device_id != ${p.deviceId ?? ''}) AS otherDevices,
		${thresholdsSql} AS thresholds ${extra}`);
}

export function readPlace(row: Row): PlaceSnapshot {
	return {
		onHand: row.onHand ?? 0,
		reserved: row.reserved ?? 0,
		bin: row.bin,
		movedSince: Number(row.movedSince),
		liveLines: Number(row.liveLines),
		otherDevices: Number(row.otherDevices),
		thresholds: JSON.parse(row.thresholds) as CountApproval
	};
}

/** First in the write batch: the level and the task's counts there are as the snapshot read. */
export function placeUnchanged(
	ctx: Ctx,
	p: { taskId: string; productId: string; locationId: string },
	s: PlaceSnapshot
) {
	return ctx.db.run(sql`INSERT INTO preconditions (subject, held) SELECT 'stock_level',
		coalesce((SELECT on_hand FROM stock_levels WHERE product_id = ${p.productId}
			AND location_id = ${p.locationId}), 0) = ${s.onHand}
		AND (SELECT count(*) FROM count_lines WHERE task_id = ${p.taskId} AND product_id = ${p.productId}
			AND location_id = ${p.locationId} AND ${LIVE_LINE}) = ${s.liveLines}`);
}

/** Retries a decide-then-write whose level moved under it: the decision is read afresh. */
export async function withFreshSnapshot<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
	for (let i = 1; ; i++) {
		try {
			return await attempt();
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			if (code !== 'stock-level-changed' || i >= tries) throw error;
		}
	}
}
