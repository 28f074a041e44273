import { sql } from 'drizzle-orm';
import { apiKeys, users } from '../../../db/schema/auth';
import { registerConstraintError } from '../../core/constraint-errors';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { isoTime } from '../users/internal';

registerConstraintError(
	'target_missing_api_key',
	() => new NotFound('api-key-not-found', 'No such API key')
);

/**
 * One API key as JSON, for a query FROM api_keys LEFT JOIN users (the creator). Never the
 * key or its hash: after creation only the prefix tells keys apart (PCI DSS 8.3.2).
 */
export const apiKeyJson = sql`json_object(
	'id', ${apiKeys.id},
	'name', ${apiKeys.name},
	'prefix', ${apiKeys.prefix},
	'permissions', json(${apiKeys.permissions}),
	'createdBy', json(CASE WHEN ${users.id} IS NULL THEN NULL ELSE
		json_object('id', ${users.id}, 'name', ${users.name}, 'email', ${users.email}) END),
	'createdAt', ${isoTime(apiKeys.createdAt)},
	'lastUsedAt', ${isoTime(apiKeys.lastUsedAt)},
	'revoked', json(CASE WHEN ${apiKeys.revokedAt} IS NULL THEN 'false' ELSE 'true' END),
	'revokedAt', ${isoTime(apiKeys.revokedAt)})`;

export const apiKeysWithCreator = sql`${apiKeys} LEFT JOIN ${users} ON ${users.id} = ${apiKeys.createdBy}`;

/** A batch item that fails the batch with 404 when the key does not exist (see users). */
export function requireApiKey(ctx: Ctx, id: string) {
	return ctx.db.run(
		sql`INSERT INTO target_checks (target, found)
			VALUES ('api_key', EXISTS (SELECT 1 FROM ${apiKeys} WHERE ${apiKeys.id} = ${id}))`
	);
}
