import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { prepare, type MatchInput } from './prepare';
import { isLive, matchJson, minScoreSetting, parseMatch } from './profiles';
import { scorePair } from './score';
import { writePairs, type PairRow } from './write-pairs';

/** Queued customers looked at per run; the job and the CLI call again until none are left. */
export const REFRESH_CHUNK = 200;
/** Neighbours scored per queued customer at most, so one crowded block cannot stall a run. */
const NEIGHBOURS_PER_CUSTOMER = 200;

type Queued = { id: string; queuedAt: number; live: number; match: string | null };

/** The blocking keys of one customer as SQL can look them up (indexes on each). */
function lookupKeys(m: MatchInput): [string, string, string, string][] {
	const keys: [string, string, string, string][] = [];
	for (const e of m.emails) keys.push([m.id, 'email', e, '']);
	for (const p of m.phones) keys.push([m.id, 'phone', p, '']);
	for (const a of m.addresses) if (a.postcode) keys.push([m.id, 'postcode', a.postcode, '']);
	if (m.dateOfBirth) keys.push([m.id, 'dob', m.dateOfBirth, '']);
	const given = m.givenName?.toLowerCase();
	const family = m.familyName?.toLowerCase();
	if (given && family) keys.push([m.id, 'name', family, given], [m.id, 'name', given, family]);
	return keys;
}

/**
 * The incremental finder: scores each queued customer (new or changed, queued by triggers in
 * the writer's own batch) against its blocked neighbours and rewrites its open pairs.
 * Three round trips: the queue with the profiles, the neighbours, one write batch.
 * Returns how many queued customers it looked at (0: up to date).
 */
export async function refreshDuplicates({ ctx }: { ctx: Ctx }): Promise<{ processed: number }> {
	const [queued, settings] = await ctx.db.batch([
		ctx.db.all<Queued>(sql`SELECT q.customer_id AS id, q.queued_at AS queuedAt,
				COALESCE(${isLive}, 0) AS live, CASE WHEN c.id IS NOT NULL THEN ${matchJson} END AS match
			FROM customer_duplicate_queue q LEFT JOIN customers c ON c.id = q.customer_id
			ORDER BY q.queued_at LIMIT ${REFRESH_CHUNK}`),
		ctx.db.all<{ minScore: number }>(minScoreSetting)
	]);
	if (!queued.length) return { processed: 0 };
	const minScore = settings[0]?.minScore ?? 1;
	const live = queued.filter((q) => q.live && q.match).map((q) => parseMatch(q.match!));
	const neighbours = live.length
		? await ctx.db.all<{ src: string; match: string }>(sql`
			WITH k AS (SELECT value->>0 AS src, value->>1 AS kind, value->>2 AS key, value->>3 AS key2
				FROM json_each(${JSON.stringify(live.flatMap(lookupKeys))})),
			nb AS (
				SELECT k.src, e.customer_id AS other FROM k JOIN customer_emails e ON k.kind = 'email' AND e.email = k.key
				UNION SELECT k.src, p.customer_id FROM k JOIN customer_phones p ON k.kind = 'phone' AND p.e164 = k.key
				UNION SELECT k.src, a.customer_id FROM k JOIN customer_addresses a ON k.kind = 'postcode' AND a.postal_key = k.key
				UNION SELECT k.src, c.id FROM k JOIN customers c ON k.kind = 'dob' AND c.date_of_birth = k.key
				UNION SELECT k.src, c.id FROM k JOIN customers c
					ON k.kind = 'name' AND lower(c.family_name) = k.key AND lower(c.given_name) = k.key2),
			ranked AS (SELECT src, other, row_number() OVER (PARTITION BY src ORDER BY other) AS n
				FROM nb WHERE other <> src)
			SELECT r.src, ${matchJson} AS match FROM ranked r JOIN customers c ON c.id = r.other
			WHERE r.n <= ${NEIGHBOURS_PER_CUSTOMER} AND ${isLive}`)
		: [];
	const prepared = new Map(live.map((m) => [m.id, prepare(m)]));
	const pairs: PairRow[] = [];
	for (const { src, match } of neighbours) {
		const a = prepared.get(src)!;
		const b = prepare(parseMatch(match));
		const [x, y] = a.id < b.id ? [a, b] : [b, a];
		const found = scorePair(x, y);
		if (found.score >= minScore) pairs.push({ a: x.id, b: y.id, ...found });
	}
	await writePairs(ctx, {
		rescored: queued.map((q) => q.id),
		pairs,
		done: queued.map((q) => ({ id: q.id, at: q.queuedAt }))
	});
	return { processed: queued.length };
}

/** Drains the whole queue, chunk by chunk (the CLI before it prints, the job). */
export async function refreshAllDuplicates({ ctx }: { ctx: Ctx }): Promise<{ processed: number }> {
	let processed = 0;
	for (;;) {
		const run = await refreshDuplicates({ ctx });
		processed += run.processed;
		if (run.processed < REFRESH_CHUNK) return { processed };
	}
}

/** The scheduled job: at most 25 chunks (5,000 customers) a run, within a Worker's time. */
export async function refreshDuplicatesJob({ ctx }: { ctx: Ctx }): Promise<{ processed: number }> {
	let processed = 0;
	for (let run = 0; run < 25; run++) {
		const { processed: n } = await refreshDuplicates({ ctx });
		processed += n;
		if (n < REFRESH_CHUNK) break;
	}
	return { processed };
}
