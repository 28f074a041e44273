import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { apiKeys } from '../../db/schema/auth';
import { idempotencyKeys } from '../../db/schema/sync';
import { systemCtx, type Actor } from '../../worker/core/context';
import { DomainError } from '../../worker/core/errors';
import { hashToken } from '../../worker/core/access/tokens';
import { createApiKey } from '../../worker/features/integrations/create-api-key';
import { createLocation, createProduct, createUser, insertApiKey } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let admin: Session;
let productId: string;
let locationId: string;

beforeAll(async () => {
	t = await createTestApi();
	admin = await t.signIn('admin');
	productId = (await createProduct(t.db, { name: 'Brass lantern' })).id;
	locationId = (await createLocation(t.db)).id;
});

type Created = { id: string; key: string | null; prefix: string; permissions: string[] };

async function createKey(permissions: string[], name = 'Scanner sync'): Promise<Created> {
	const res = await t.request('/api/integrations/api-keys', {
		method: 'POST',
		session: admin,
		json: { name, permissions }
	});
	expect(res.status).toBe(201);
	return res.json();
}

const bearer = (key: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
	t.request(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${key}` } });
const listKeys = async () =>
	(await (await t.request('/api/integrations/api-keys', { session: admin })).json()).items as {
		id: string;
		lastUsedAt: string | null;
		revoked: boolean;
		revokedAt: string | null;
	}[];

describe('API keys (happy)', () => {
	it('shows the key once: stored only as a hash, never listed again', async () => {
		const created = await createKey(['inventory.read', 'inventory.read']);
		expect(created.key).toMatch(/^ordo_live_[a-z2-7]{32}$/);
		expect(created.prefix).toBe(created.key!.slice(0, 16));
		expect(created.permissions).toEqual(['inventory.read']);
		const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
		expect(row!.keyHash).toBe(hashToken(created.key!));
		expect(JSON.stringify(row)).not.toContain(created.key);

		const res = await t.request('/api/integrations/api-keys', { session: admin });
		const text = await res.text();
		expect(text).toContain(created.id);
		expect(text).not.toContain(created.key);
		expect(text).not.toContain(row!.keyHash);
		const item = JSON.parse(text).items.find((k: { id: string }) => k.id === created.id);
		expect(item).toMatchObject({
			name: 'Scanner sync',
			prefix: created.prefix,
			permissions: ['inventory.read'],
			createdBy: { id: admin.user.id, email: admin.user.email },
			lastUsedAt: null,
			revoked: false
		});
		expect(item).not.toHaveProperty('key');
	});

	it('works as a Bearer token within its scope and is refused outside it (403)', async () => {
		const { key } = await createKey(['inventory.read']);
		const read = await bearer(key!, `/api/inventory/products/${productId}`);
		expect(read.status).toBe(200);
		const write = await bearer(key!, '/api/inventory/adjustments', {
			method: 'POST',
			json: { productId, locationId, delta: 1, reason: 'integration count' }
		});
		expect(write.status).toBe(403);
		expect((await write.json()).type).toBe('urn:ordo:problem:not-permitted');
	});

	it('records when the key was last used', async () => {
		const { id, key } = await createKey(['inventory.read']);
		const before = Date.now();
		await bearer(key!, `/api/inventory/products/${productId}`);
		const item = (await listKeys()).find((k) => k.id === id)!;
		expect(Date.parse(item.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1);
	});

	it('stops working once revoked (401), and a second revoke keeps the first time', async () => {
		const { id, key } = await createKey(['inventory.read']);
		const revoke = () =>
			t.request(`/api/integrations/api-keys/${id}/revoke`, { method: 'POST', session: admin });
		const first = await (await revoke()).json();
		expect(first).toMatchObject({ id, revoked: true });
		const res = await bearer(key!, `/api/inventory/products/${productId}`);
		expect(res.status).toBe(401);
		expect((await res.json()).type).toBe('urn:ordo:problem:bad-api-key');
		expect((await (await revoke()).json()).revokedAt).toBe(first.revokedAt);
	});

	it('replays an Idempotency-Key retry as the same key record, without the secret', async () => {
		const name = `retry-${crypto.randomUUID()}`;
		const send = () =>
			t.request('/api/integrations/api-keys', {
				method: 'POST',
				session: admin,
				headers: { 'idempotency-key': `create-${name}` },
				json: { name, permissions: ['orders.read'] }
			});
		const first = await send();
		const again = await send();
		const [a, b] = [await first.json(), await again.json()];
		expect(a.key).toMatch(/^ordo_live_/);
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(b).toEqual({ ...a, key: null });
		expect(await t.db.select().from(apiKeys).where(eq(apiKeys.name, name))).toHaveLength(1);
		const stored = await t.db.select().from(idempotencyKeys);
		expect(JSON.stringify(stored)).not.toContain(a.key);
	});

	it('records creation and revocation in the audit log, without the key', async () => {
		const { id, key } = await createKey(['reports.read'], 'Nightly export');
		await t.request(`/api/integrations/api-keys/${id}/revoke`, { method: 'POST', session: admin });
		const entries = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
		expect(entries.map((e) => e.action).sort()).toEqual(['api_keys.create', 'api_keys.revoke']);
		expect(entries.every((e) => e.actorId === admin.user.id && e.targetType === 'api_key')).toBe(
			true
		);
		const created = entries.find((e) => e.action === 'api_keys.create')!;
		expect(created.details).toMatchObject({
			name: 'Nightly export',
			permissions: ['reports.read']
		});
		expect(JSON.stringify(entries)).not.toContain(key);
		expect(JSON.stringify(entries)).not.toContain(hashToken(key!));
	});
});

describe('API keys (error)', () => {
	it('refuses a permission that does not exist, and an empty scope (422)', async () => {
		for (const permissions of [['inventory.*'], ['admin'], []]) {
			const res = await t.request('/api/integrations/api-keys', {
				method: 'POST',
				session: admin,
				json: { name: 'bad scope', permissions }
			});
			expect(res.status).toBe(422);
			const fields = Object.keys((await res.json()).errors);
			expect(fields.some((f) => f.startsWith('permissions'))).toBe(true);
		}
	});

	it('answers 404 for revoking a key that does not exist', async () => {
		const res = await t.request(`/api/integrations/api-keys/${crypto.randomUUID()}/revoke`, {
			method: 'POST',
			session: admin
		});
		expect(res.status).toBe(404);
		expect((await res.json()).type).toBe('urn:ordo:problem:api-key-not-found');
	});
});

describe('API keys (security)', () => {
	it.each(['manager', 'support', 'warehouse'] as const)(
		'refuses the %s role (403)',
		async (role) => {
			const session = await t.signIn(role);
			const list = await t.request('/api/integrations/api-keys', { session });
			const create = await t.request('/api/integrations/api-keys', {
				method: 'POST',
				session,
				json: { name: 'mine', permissions: ['orders.read'] }
			});
			expect([list.status, create.status]).toEqual([403, 403]);
		}
	);

	it('cannot grant more than its creator holds', async () => {
		const manager = await createUser(t.db, { role: 'manager' });
		const actor = {
			kind: 'user',
			id: manager.id,
			role: 'manager',
			email: manager.email,
			name: manager.name,
			sessionId: 'test',
			stage: 'full'
		} as Extract<Actor, { kind: 'user' }>;
		// Only admins hold integrations.manage today, so the verb is called as a manager
		// directly: the rule must hold whatever the role map grants in future.
		const attempt = createApiKey({
			ctx: { ...systemCtx(t.db), actor },
			input: { name: 'escalate', permissions: ['orders.read', 'users.manage'] }
		});
		await expect(attempt).rejects.toMatchObject({ status: 403, code: 'cannot-grant-unheld' });
		await expect(attempt).rejects.toBeInstanceOf(DomainError);
		expect(await t.db.select().from(apiKeys).where(eq(apiKeys.name, 'escalate'))).toEqual([]);
	});

	it('cannot create keys itself, even a (legacy) key with integrations.manage', async () => {
		const { key } = await insertApiKey(t.db, ['integrations.manage', 'inventory.read']);
		const res = await bearer(key!, '/api/integrations/api-keys', {
			method: 'POST',
			json: { name: 'successor', permissions: ['inventory.read'] }
		});
		expect(res.status).toBe(403);
		expect((await res.json()).type).toBe('urn:ordo:problem:people-create-keys');
		expect(await t.db.select().from(apiKeys).where(eq(apiKeys.name, 'successor'))).toEqual([]);
	});

	it('never mixes with a cookie: a request with both is a key request only', async () => {
		const { key } = await createKey(['inventory.read']);
		const withBoth = (authorization: string) =>
			t.request('/api/users', { session: admin, headers: { authorization } });
		// The admin cookie would allow this; the key does not, and the key decides.
		expect((await withBoth(`Bearer ${key}`)).status).toBe(403);
		// A bad key does not fall back to the cookie either.
		const bad = await withBoth('Bearer ordo_live_notarealkeynotarealkeynotareal');
		expect(bad.status).toBe(401);
		expect((await bad.json()).type).toBe('urn:ordo:problem:bad-api-key');
	});

	it('is refused on routes for people, such as signing out everywhere else', async () => {
		const { key } = await createKey(['inventory.read']);
		const res = await bearer(key!, '/api/users/me/sessions/revoke', { method: 'POST' });
		expect(res.status).toBe(403);
	});

	it('stops working when its creator is disabled (401), and works again if they are enabled', async () => {
		const creator = await t.signIn('admin');
		const created = await t.request('/api/integrations/api-keys', {
			method: 'POST',
			session: creator,
			json: { name: 'owned by a leaver', permissions: ['inventory.read'] }
		});
		const { id, key } = await created.json();
		expect((await bearer(key, `/api/inventory/products/${productId}`)).status).toBe(200);
		await t.request(`/api/users/${creator.user.id}/disable`, { method: 'POST', session: admin });
		const refused = await bearer(key, `/api/inventory/products/${productId}`);
		expect(refused.status).toBe(401);
		expect((await refused.json()).type).toBe('urn:ordo:problem:bad-api-key');
		// Not revoked: the key is the creator's, and follows their account.
		const [row] = await t.db
			.select()
			.from(apiKeys)
			.where(and(eq(apiKeys.id, id), eq(apiKeys.createdBy, creator.user.id)));
		expect(row!.revokedAt).toBeNull();
		await t.request(`/api/users/${creator.user.id}/enable`, { method: 'POST', session: admin });
		expect((await bearer(key, `/api/inventory/products/${productId}`)).status).toBe(200);
	});

	it("loses a scope its creator's role no longer holds (scopes ∩ current role)", async () => {
		const creator = await createUser(t.db, { role: 'admin' });
		const { key } = await insertApiKey(
			t.db,
			['audit.read', 'inventory.read'],
			'auditor',
			creator.id
		);
		expect((await bearer(key, '/api/audit?limit=1')).status).toBe(200);
		const demote = await t.request(`/api/users/${creator.id}/role`, {
			method: 'POST',
			session: admin,
			json: { role: 'warehouse' }
		});
		expect(demote.status).toBe(200);
		const refused = await bearer(key, '/api/audit?limit=1');
		expect(refused.status).toBe(403);
		expect((await refused.json()).type).toBe('urn:ordo:problem:not-permitted');
		// What warehouse still holds keeps working.
		expect((await bearer(key, `/api/inventory/products/${productId}`)).status).toBe(200);
	});
});

describe('API keys cannot administer people (security)', () => {
	it('refuses a key with users.manage or integrations.manage', async () => {
		for (const permission of ['users.manage', 'integrations.manage']) {
			const res = await t.request('/api/integrations/api-keys', {
				method: 'POST',
				session: admin,
				json: { name: 'Too strong', permissions: ['inventory.read', permission] }
			});
			expect(res.status).toBe(422);
			expect((await res.json()).errors.permissions[0]).toMatch(/cannot manage staff/);
		}
	});
});
