import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { BadRequest } from '../../../core/errors';
import { isoTime } from '../../users/internal';
import { minScoreSetting } from './profiles';
import { refreshDuplicates } from './refresh-duplicates';
import type { DuplicateList, DuplicatePair, ListDuplicates } from './schemas';

/** One side of a pair as the review queue shows it. */
export const cardJson = (c: string) => {
	const t = sql.raw(c);
	return sql`json_object('id', ${t}.id, 'number', ${t}.number, 'name', ${t}.name,
		'email', ${t}.email, 'phone', ${t}.phone,
		'postcode', (SELECT postal_code FROM customer_addresses WHERE customer_id = ${t}.id ORDER BY created_at LIMIT 1),
		'dateOfBirth', ${t}.date_of_birth,
		'externalId', (SELECT value FROM customer_external_ids WHERE customer_id = ${t}.id ORDER BY created_at, system LIMIT 1),
		'orders', (SELECT count(*) FROM orders WHERE customer_id = ${t}.id))`;
};

type Cursor = { score: number; a: string; b: string };

function readCursor(cursor: string | undefined): Cursor | null {
	if (!cursor) return null;
	const [score, a, b] = cursor.split('~');
	if (!a || !b || !score || Number.isNaN(Number(score)))
		throw new BadRequest(
			'bad-cursor',
			'This page link is not valid',
			'Start again from the first page.'
		);
	return { score: Number(score), a, b };
}

/**
 * The review queue: open pairs best first, keyset-paged on (score, a, b). It first looks at
 * up to REFRESH_CHUNK customers changed since the finder last ran (one read when none are),
 * so what a rep just entered is already compared; `waiting` says if more remain.
 */
export async function listDuplicates({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListDuplicates;
}): Promise<DuplicateList> {
	const cursor = readCursor(input.cursor);
	await refreshDuplicates({ ctx });
	const [settings, waiting] = [
		minScoreSetting,
		sql`SELECT count(*) AS n FROM customer_duplicate_queue`
	];
	const matching = sql`d.status = 'open'
				AND d.score >= COALESCE(${input.minScore ?? null}, (${settings}))
				AND (${input.customerId ?? null} IS NULL OR d.customer_a = ${input.customerId ?? null} OR d.customer_b = ${input.customerId ?? null})`;
	const [minRows, waitingRows, openRows, rows] = await ctx.db.batch([
		ctx.db.all<{ minScore: number }>(settings),
		ctx.db.all<{ n: number }>(waiting),
		ctx.db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM customer_duplicates d WHERE ${matching}`
		),
		ctx.db.all<{ pair: string; score: number; a: string; b: string }>(sql`
			SELECT json_object('a', ${cardJson('ca')}, 'b', ${cardJson('cb')}, 'score', d.score,
				'reasons', json(d.reasons), 'status', d.status, 'foundAt', ${isoTime(sql`d.found_at`)}) AS pair,
				d.score, d.customer_a AS a, d.customer_b AS b
			FROM customer_duplicates d
			JOIN customers ca ON ca.id = d.customer_a JOIN customers cb ON cb.id = d.customer_b
			WHERE ${matching}
				AND (${cursor === null ? 1 : 0} OR d.score < ${cursor?.score ?? 0}
					OR (d.score = ${cursor?.score ?? 0} AND (d.customer_a, d.customer_b) > (${cursor?.a ?? ''}, ${cursor?.b ?? ''})))
			ORDER BY d.score DESC, d.customer_a, d.customer_b LIMIT ${input.limit + 1}`)
	]);
	const page = rows.slice(0, input.limit);
	const last = page.at(-1);
	return {
		items: page.map((r) => JSON.parse(r.pair) as DuplicatePair),
		open: openRows[0]?.n ?? 0,
		minScore: input.minScore ?? minRows[0]?.minScore ?? 0,
		waiting: waitingRows[0]?.n ?? 0,
		next: rows.length > input.limit && last ? `${last.score}~${last.a}~${last.b}` : null
	};
}
