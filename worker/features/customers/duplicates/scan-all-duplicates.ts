import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { comparisonBudget } from './blocking';
import { prepare, type Prepared } from './prepare';
import { isLive, matchJson, parseMatch, readMinScore } from './profiles';
import { scanForDuplicates } from './scan';
import { writePairs } from './write-pairs';

const PAGE = 5000;

export type FullScan = {
	customers: number;
	comparisons: number;
	/** The ceiling the blocking keeps to (PASSES × (WINDOW − 1) per customer, ≤ 50). */
	budget: number;
	pairs: number;
	readMs: number;
	scanMs: number;
};

/**
 * The full scan (CLI and bench; too big for a Worker's memory at a million customers, so the
 * Worker only runs the incremental refresh): reads every live customer in keyset pages,
 * runs the sorted-neighbourhood scan in memory, and replaces all open pairs in one batch.
 * Dismissed and merged pairs stay as people decided. The queue is emptied: all were seen.
 */
export async function scanAllDuplicates({ ctx }: { ctx: Ctx }): Promise<FullScan> {
	const started = performance.now();
	const minScore = await readMinScore(ctx);
	const records: Prepared[] = [];
	let after = '';
	for (;;) {
		const rows = await ctx.db.all<{ id: string; match: string }>(
			sql`SELECT c.id, ${matchJson} AS match FROM customers c
				WHERE c.id > ${after} AND ${isLive} ORDER BY c.id LIMIT ${PAGE}`
		);
		for (const row of rows) records.push(prepare(parseMatch(row.match)));
		if (rows.length < PAGE) break;
		after = rows.at(-1)!.id;
	}
	const read = performance.now();
	const { pairs, comparisons } = scanForDuplicates(records, minScore);
	const scanned = performance.now();
	await writePairs(ctx, { rescored: 'all', pairs, done: 'all' });
	return {
		customers: records.length,
		comparisons,
		budget: comparisonBudget(records.length),
		pairs: pairs.length,
		readMs: Math.round(read - started),
		scanMs: Math.round(scanned - read)
	};
}
