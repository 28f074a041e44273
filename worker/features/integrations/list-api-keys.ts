import { sql } from 'drizzle-orm';
import { apiKeys } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { apiKeyJson, apiKeysWithCreator } from './internal';
import type { ApiKeyList, ApiKeySummary } from './schemas';

/**
 * Every API key, live ones first, newest first: who made it, what it may do and when it
 * was last used, for the periodic review of system accounts (PCI DSS 7.2.5, 8.6.3).
 * Never the key or its hash.
 */
export async function listApiKeys({ ctx }: { ctx: Ctx }): Promise<ApiKeyList> {
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT ${apiKeyJson} AS body FROM ${apiKeysWithCreator}
			ORDER BY ${apiKeys.revokedAt} IS NOT NULL, ${apiKeys.createdAt} DESC, ${apiKeys.id}`
	);
	return { items: rows.map((row) => JSON.parse(row.body) as ApiKeySummary) };
}
