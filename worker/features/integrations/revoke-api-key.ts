import { eq, sql } from 'drizzle-orm';
import { apiKeys } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { apiKeyJson, apiKeysWithCreator, requireApiKey } from './internal';
import type { ApiKeySummary } from './schemas';

/**
 * Revokes a key for good: authenticate() refuses it from the next request on. The row
 * stays, so the audit log and the key list still say whose key it was. Revoking twice
 * keeps the first time.
 */
export async function revokeApiKey({ ctx, id }: { ctx: Ctx; id: string }): Promise<ApiKeySummary> {
	return mutate<ApiKeySummary>(ctx, {
		writes: [
			requireApiKey(ctx, id),
			ctx.db
				.update(apiKeys)
				.set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${ctx.now})` })
				.where(eq(apiKeys.id, id)),
			auditEntry(ctx, { action: 'api_keys.revoke', target: { type: 'api_key', id } })
		],
		result: sql`SELECT ${apiKeyJson} FROM ${apiKeysWithCreator} WHERE ${apiKeys.id} = ${id}`
	});
}
