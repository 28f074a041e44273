import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import type { CustomerList, CustomerSummary, MatchField, SearchCustomers } from './schemas';
import { fold, fuzzyWords, nearWords, planSearch, words, type Lane } from './search-plan';

export const CUSTOMER_RESULT_LIMIT = 20;
/** Fewer hits than this and the search also tries typo corrections of the name words. */
const FEW = 5;

type Cursor = { tier: number; seq: number };
type Row = {
	id: string;
	number: string;
	name: string;
	email: string | null;
	phone: string | null;
	country: string | null;
	seq: number;
	tier: number;
	field: MatchField;
	emails: string | null;
	phones: string | null;
	postcodes: string | null;
	externalIds: string | null;
};

/**
 * One box: every lane of the query (search-plan.ts) is an indexed lookup (orders.number,
 * customer_external_ids, customer_emails, customer_phones) or an FTS5 match in
 * `customer_search`, each reading at most a page from its index, newest first; the union is
 * ranked by tier, then newest. Keyset paging on (tier, seq): a later page reads below the
 * cursor in its tier and leaves out what a better tier already showed. Name typos: the first
 * batch also reads the index's words near each name word; only when the page is not full
 * does a second query add the corrected names.
 */
export async function searchCustomers({
	ctx,
	input
}: {
	ctx: Ctx;
	input: SearchCustomers;
}): Promise<CustomerList> {
	const limit = input.limit ?? CUSTOMER_RESULT_LIMIT;
	const cursor = input.cursor ? readCursor(input.cursor) : null;
	const typo = fuzzyWords(input.q);
	const [first, ...vocab] = await ctx.db.batch([
		ctx.db.all<Row>(pageQuery(planSearch(input.q), cursor, limit)),
		...typo.map((w) => ctx.db.all<{ term: string }>(termsNear(w)))
	]);
	let rows = first as Row[];
	// Corrections only when the exact lanes found next to nothing (or the pages reached them).
	if (typo.length && (rows.length < Math.min(limit + 1, FEW) || cursor?.tier === 4)) {
		const near = new Map(
			typo.map((w, i) => [
				w,
				nearWords(
					w,
					(vocab[i] as { term: string }[]).map((r) => r.term)
				)
			])
		);
		if ([...near.values()].some((n) => n.length))
			rows = await ctx.db.all<Row>(pageQuery(planSearch(input.q, near), cursor, limit));
	}
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		items: page.map((r) => summaryOf(r, input.q)),
		nextCursor: rows.length > limit && last ? writeCursor({ tier: last.tier, seq: last.seq }) : null
	};
}

// Index words sharing the word's first two letters: typos after them (most of them) are
// found, and the range read stays small however many customers there are.
function termsNear(word: string): SQL {
	const start = word.slice(0, 2);
	const end = start.slice(0, -1) + String.fromCodePoint(start.codePointAt(1)! + 1);
	return sql`SELECT term FROM customer_search_terms
		WHERE col = 'name' AND term >= ${start} AND term < ${end} LIMIT 5000`;
}

function laneQuery(lane: Lane, below: number | null, take: number): SQL {
	const under = below === null ? sql`` : sql` AND c.seq < ${below}`;
	if ('match' in lane)
		return sql`SELECT rowid AS seq FROM customer_search WHERE customer_search MATCH ${lane.match}
			${below === null ? sql`` : sql`AND rowid < ${below}`} ORDER BY rowid DESC LIMIT ${take}`;
	const source = {
		order: sql`SELECT c.seq FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.number = ${lane.exact}`,
		externalId: sql`SELECT c.seq FROM customer_external_ids x JOIN customers c ON c.id = x.customer_id WHERE x.value = ${lane.exact}`,
		number: sql`SELECT c.seq FROM customers c WHERE c.number = ${lane.exact}`,
		email: sql`SELECT c.seq FROM customer_emails e JOIN customers c ON c.id = e.customer_id WHERE e.email = ${lane.exact}`,
		phone: sql`SELECT c.seq FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = ${lane.exact}`
	}[lane.field];
	// `+c.seq`: an exact lane has a handful of rows; sorting them beats walking customers_seq.
	return sql`${source}${under} ORDER BY +c.seq DESC LIMIT ${take}`;
}

function pageQuery(lanes: Lane[], cursor: Cursor | null, limit: number): SQL {
	const live = lanes.filter((l) => !cursor || l.tier >= cursor.tier);
	const parts = live.map((lane) => {
		const below = cursor && lane.tier === cursor.tier ? cursor.seq : null;
		// On a later page, a customer a better tier already listed is not listed again.
		const shown = cursor ? lanes.filter((l) => l.tier < lane.tier && l.tier <= cursor.tier) : [];
		const notShown = shown.length
			? sql` WHERE seq NOT IN (${sql.join(
					shown.map((l) => sql`SELECT seq FROM (${laneQuery(l, null, 100_000)})`),
					sql` UNION `
				)})`
			: sql``;
		return sql`SELECT seq, ${lane.tier} AS tier, ${lane.field} AS field
			FROM (${laneQuery(lane, below, limit + 1)})${notShown}`;
	});
	if (!parts.length) return sql`SELECT NULL WHERE 0`;
	// CROSS JOIN and the unary plus keep the few hits driving: left to itself, the planner
	// walked every live customer through customers_merged_into (merged_into IS NULL is
	// nearly all of them) and probed the hits with a Bloom filter, a full scan in disguise.
	return sql`WITH hits AS (${sql.join(parts, sql` UNION ALL `)}),
		best AS (SELECT seq, min(tier) AS tier, field FROM hits GROUP BY seq)
		SELECT c.id, c.number, c.name, c.email, c.phone, c.country, c.seq, best.tier, best.field,
			(SELECT group_concat(original, char(31)) FROM customer_emails WHERE customer_id = c.id) AS emails,
			(SELECT group_concat(original || char(30) || e164 || char(30) || coalesce(national, ''), char(31))
				FROM customer_phones WHERE customer_id = c.id) AS phones,
			(SELECT group_concat(postal_code, char(31)) FROM customer_addresses WHERE customer_id = c.id) AS postcodes,
			(SELECT group_concat(system || ': ' || value, char(31)) FROM customer_external_ids WHERE customer_id = c.id) AS externalIds
		FROM best CROSS JOIN customers c ON c.seq = best.seq
		WHERE +c.merged_into IS NULL AND +c.erased_at IS NULL
		ORDER BY best.tier, best.seq DESC LIMIT ${limit + 1}`;
}

const list = (joined: string | null) => (joined ? joined.split('\u001f') : []);

/** The stored value the query matched, for the list to highlight. */
function summaryOf(r: Row, q: string): CustomerSummary {
	const qWords = words(q);
	const qDigits = q.replace(/\D/g, '').replace(/^0+/, '');
	const qCompact = fold(q).replace(/[\s-]/g, '');
	const pick = <T>(values: T[], hit: (v: T) => boolean) => values.find(hit) ?? values[0];
	const value = {
		name: r.name,
		email: pick(list(r.emails), (e) => qWords.every((w) => fold(e).includes(w))),
		phone: pick(
			list(r.phones).map((p) => p.split('\u001e')),
			([, e164, national]) =>
				!!qDigits && (e164!.includes(qDigits) || national!.startsWith(qDigits))
		)?.[0],
		postcode: pick(list(r.postcodes), (p) => fold(p).replace(/\s/g, '').startsWith(qCompact)),
		order: q.trim().toUpperCase(),
		externalId: pick(list(r.externalIds), (x) => x.endsWith(`: ${q.trim()}`)),
		number: r.number
	}[r.field];
	return {
		id: r.id,
		number: r.number,
		name: r.name,
		email: r.email,
		phone: r.phone,
		country: r.country,
		matched: { field: r.field, value: value ?? r.name, fuzzy: r.tier === 4 }
	};
}

const writeCursor = (c: Cursor) => `${c.tier}.${c.seq}`;
function readCursor(text: string): Cursor {
	const m = /^([0-4])\.([1-9][0-9]{0,15})$/.exec(text);
	if (!m)
		throw new Invalid('invalid-input', 'Some fields need attention', undefined, {
			cursor: ['This is not a cursor Ordo gave out: start the search again']
		});
	return { tier: Number(m[1]), seq: Number(m[2]) };
}
