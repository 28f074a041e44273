import { sql } from 'drizzle-orm';
import { apiKeys } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Forbidden } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { ROLE_PERMISSIONS } from '../../core/access/permissions';
import { generateApiKey, hashToken } from '../../core/access/tokens';
import { apiKeyJson, apiKeysWithCreator } from './internal';
import type { CreateApiKey, CreatedApiKey } from './schemas';

/**
 * Creates an integration key scoped to named permissions (PCI DSS 7.2.1, 8.6). Only a
 * person creates keys, and only with permissions their role holds: nobody grants what
 * they do not hold. A key cannot mint keys, so one leaked key cannot leave successors
 * behind that outlive its revocation, and every key has a person accountable for it.
 *
 * The key itself is returned once and stored only as its SHA-256 (PCI DSS 8.3.2). With an
 * Idempotency-Key, mutate() stores the response for replay: so the stored response is the
 * one the SQL reads back, which has `key: null`, and the secret is added to this first
 * response only, in memory. A retry then gets the same key record without the secret,
 * rather than a second key nobody knows about; refusing Idempotency-Key instead would
 * break the outbox's rule that every mutation takes one.
 */
export async function createApiKey({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateApiKey;
}): Promise<CreatedApiKey> {
	const actor = ctx.actor;
	if (actor?.kind !== 'user') {
		throw new Forbidden('people-create-keys', 'Only a signed-in person can create API keys');
	}
	const held = ROLE_PERMISSIONS[actor.role];
	const unheld = input.permissions.filter((p) => !held.includes(p));
	if (unheld.length > 0) {
		throw new Forbidden(
			'cannot-grant-unheld',
			'You cannot grant permissions you do not hold',
			`Your role does not hold: ${unheld.join(', ')}.`,
			{ permissions: unheld.map((p) => `Your role does not hold "${p}"`) }
		);
	}
	const { key, prefix } = generateApiKey();
	const id = crypto.randomUUID();
	const created = await mutate<CreatedApiKey>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(apiKeys).values({
				id,
				name: input.name,
				prefix,
				keyHash: hashToken(key),
				permissions: input.permissions,
				createdBy: actor.id,
				createdAt: ctx.now
			}),
			// What the key may do and who made it; never the key (PCI DSS 10.2.1.5, 10.3).
			auditEntry(ctx, {
				action: 'api_keys.create',
				target: { type: 'api_key', id },
				details: { name: input.name, prefix, permissions: input.permissions }
			})
		],
		result: sql`SELECT json_set(${apiKeyJson}, '$.key', NULL)
			FROM ${apiKeysWithCreator} WHERE ${apiKeys.id} = ${id}`
	});
	return { ...created, key };
}
