import * as v from 'valibot';
import { freeText } from '../../core/free-text';
import { ALL_PERMISSIONS, type Permission } from '../../core/access/permissions';

const PEOPLE_ONLY: readonly Permission[] = ['users.manage', 'integrations.manage'];

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Time = v.pipe(v.string(), v.isoTimestamp());

export const ApiKeyParams = v.object({ id: Id });
export type ApiKeyParams = v.InferOutput<typeof ApiKeyParams>;

export const CreateApiKey = v.object({
	// Says what the key is for ("Warehouse scanner sync"), so a reviewer knows whom to ask.
	name: freeText(100, 1),
	// Only the named permissions (PCI DSS 7.2.1, 8.6): no wildcard, no role names.
	permissions: v.pipe(
		v.array(v.picklist(ALL_PERMISSIONS, 'Use a permission listed at GET /api/auth/permissions')),
		v.minLength(1, 'Grant at least one permission'),
		// Staff accounts and keys are managed by people who sign in with MFA (PCI DSS
		// 8.4.2), never by a key: a leaked key must not be able to mint accounts or keys.
		v.check(
			(list) => !list.some((p) => PEOPLE_ONLY.includes(p)),
			'Keys cannot manage staff accounts or other keys'
		),
		v.transform((list) => [...new Set(list)].sort())
	)
});
export type CreateApiKey = v.InferOutput<typeof CreateApiKey>;

const Creator = v.object({ id: v.string(), name: v.string(), email: v.string() });

export const ApiKeySummary = v.object({
	id: v.string(),
	name: v.string(),
	prefix: v.string(),
	/** The key's scopes; it acts only with those its creator's current role holds. */
	permissions: v.array(v.picklist(ALL_PERMISSIONS)),
	createdBy: v.nullable(Creator),
	createdAt: Time,
	lastUsedAt: v.nullable(Time),
	revoked: v.boolean(),
	revokedAt: v.nullable(Time)
});
export type ApiKeySummary = v.InferOutput<typeof ApiKeySummary>;

export const ApiKeyList = v.object({ items: v.array(ApiKeySummary) });
export type ApiKeyList = v.InferOutput<typeof ApiKeyList>;

export const CreatedApiKey = v.object({
	...ApiKeySummary.entries,
	/** The secret, in the first response only; null in an Idempotency-Key replay. */
	key: v.nullable(v.string())
});
export type CreatedApiKey = v.InferOutput<typeof CreatedApiKey>;
