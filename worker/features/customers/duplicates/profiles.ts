import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import type { MatchInput } from './prepare';
import { DEFAULT_MIN_SCORE } from './settings';

/** The matching fields of customer `c` as one JSON object (what MatchInput is made from). */
export const matchJson = sql`json_object(
	'id', c.id,
	'givenName', COALESCE(c.given_name, CASE WHEN c.family_name IS NULL THEN c.name END),
	'familyName', c.family_name,
	'dateOfBirth', c.date_of_birth,
	'emails', (SELECT json_group_array(email) FROM customer_emails WHERE customer_id = c.id),
	'phones', (SELECT json_group_array(e164) FROM customer_phones WHERE customer_id = c.id),
	'addresses', (SELECT json_group_array(json_object('line1', line1, 'postcode', postal_key))
		FROM customer_addresses WHERE customer_id = c.id))`;

/** Live customers only: tombstones and erased profiles are never proposed. */
export const isLive = sql`c.merged_into IS NULL AND c.erased_at IS NULL`;

export function parseMatch(json: string): MatchInput {
	return JSON.parse(json) as MatchInput;
}

/** The `customers.duplicate_min_score` setting (0–1), or the default. */
export const minScoreSetting: SQL = sql`SELECT COALESCE(
	(SELECT CAST(value AS REAL) FROM settings WHERE key = 'customers.duplicate_min_score'),
	${DEFAULT_MIN_SCORE}) AS minScore`;

export async function readMinScore(ctx: Ctx): Promise<number> {
	const [row] = await ctx.db.all<{ minScore: number }>(minScoreSetting);
	return row?.minScore ?? DEFAULT_MIN_SCORE;
}
