import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { stockMovements } from '../../db/schema/inventory';
import { MAX_BATCH_ITEMS } from '../../worker/features/sync/schemas';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// POST /api/sync/batch (issue 10): the outbox sends many items in one request, each applied
// once under its own Idempotency-Key by its own route, with one result per item.
let t: TestApi;
let picker: Session;
let other: Session;
let productId: string;
let locationId: string;

beforeAll(async () => {
	t = await createTestApi();
	productId = (await createProduct(t.db)).id;
	locationId = (await createLocation(t.db)).id;
	await receiveStock(t.db, { productId, locationId, onHand: 5 });
	picker = await t.signIn('warehouse');
	other = await t.signIn('warehouse');
});

type Result = {
	key: string;
	status: number;
	body: Record<string, unknown> | null;
	problem: { type: string; title: string; detail?: string } | null;
};

const adjustment = (key: string, delta: unknown, reason: string, queuedBy = picker.user.id) => ({
	key,
	method: 'POST',
	url: '/api/inventory/adjustments',
	sentAt: new Date().toISOString(),
	queuedBy,
	body: { productId, locationId, delta, reason }
});

const batch = (items: unknown[], session = picker) =>
	t.request('/api/sync/batch', { method: 'POST', session, json: { items } });

async function results(res: Response): Promise<{ results: Result[]; stoppedAt: string | null }> {
	expect(res.status, await res.clone().text()).toBe(200);
	return res.json();
}

/** How many times each reason reached the ledger. */
async function applied(prefix: string): Promise<Map<string, number>> {
	const rows = await t.db
		.select({ reason: stockMovements.reason })
		.from(stockMovements)
		.where(like(stockMovements.reason, `${prefix}%`));
	const times = new Map<string, number>();
	for (const { reason } of rows) times.set(reason!, (times.get(reason!) ?? 0) + 1);
	return times;
}

async function audited(prefix: string): Promise<number> {
	const rows = await t.db
		.select({ details: auditLog.details })
		.from(auditLog)
		.where(and(eq(auditLog.action, 'inventory.adjust'), like(auditLog.details, `%${prefix}%`)));
	return rows.length;
}

describe('POST /api/sync/batch', () => {
	it('applies good items and refuses bad ones, each on its own, in order', async () => {
		const res = await batch([
			adjustment('mix-1', 2, 'mix a'),
			adjustment('mix-2', 'two', 'mix b'),
			adjustment('mix-3', -1000, 'mix c'),
			adjustment('mix-4', 1, 'mix d')
		]);
		const { results: got, stoppedAt } = await results(res);
		expect(stoppedAt).toBeNull();
		expect(got.map((r) => [r.key, r.status])).toEqual([
			['mix-1', 201],
			['mix-2', 422],
			['mix-3', 409],
			['mix-4', 201]
		]);
		expect(got[0]!.body).toMatchObject({ productId, locationId });
		expect(got[0]!.problem).toBeNull();
		expect(got[1]!.problem?.type).toBe('urn:ordo:problem:invalid-input');
		expect(got[2]!.problem?.title).toBeTruthy();
		// The refusals left nothing behind; the good items are applied and audited once each.
		expect(await applied('mix ')).toEqual(
			new Map([
				['mix a', 1],
				['mix d', 1]
			])
		);
		expect(await audited('mix ')).toBe(2);
	});

	it('replays a repeated key, in a later batch or the same one, without applying again', async () => {
		const first = await results(await batch([adjustment('rep-1', 1, 'rep a')]));
		const again = await results(
			await batch([adjustment('rep-1', 1, 'rep a'), adjustment('rep-1', 1, 'rep a')])
		);
		expect(again.results.map((r) => r.status)).toEqual([201, 201]);
		expect(again.results[0]!.body).toEqual(first.results[0]!.body);
		expect(await applied('rep ')).toEqual(new Map([['rep a', 1]]));
		expect(await audited('rep ')).toBe(1);
		// The same key with another body is the key's misuse, refused for that item alone.
		const reused = await results(await batch([adjustment('rep-1', 3, 'rep b')]));
		expect(reused.results[0]!.status).toBe(422);
		expect(reused.results[0]!.problem?.type).toBe('urn:ordo:problem:idempotency-key-reused');
	});

	it("stops at someone else's item with 403: nothing after it overtakes it", async () => {
		const res = await batch(
			[
				adjustment('oth-1', 1, 'oth a'),
				adjustment('oth-2', 1, 'oth b', picker.user.id),
				adjustment('oth-3', 1, 'oth c', other.user.id)
			],
			other
		);
		const { results: got, stoppedAt } = await results(res);
		// Picker's work sent under the other person's session: refused, and the batch stops.
		expect(got.map((r) => r.status)).toEqual([403]);
		expect(got[0]!.problem?.type).toBe('urn:ordo:problem:queued-by-someone-else');
		expect(stoppedAt).toBe('oth-1');
		expect(await applied('oth ')).toEqual(new Map());
	});

	it("authorises each item as its own route: a role without the route's permission is refused", async () => {
		const support = await t.signIn('support');
		const res = await batch([adjustment('role-1', 1, 'role a', support.user.id)], support);
		const { results: got, stoppedAt } = await results(res);
		expect(got.map((r) => [r.status, r.problem?.type])).toEqual([
			[403, 'urn:ordo:problem:not-permitted']
		]);
		expect(stoppedAt).toBe('role-1');
		expect(await applied('role ')).toEqual(new Map());
	});

	it('refuses an item for a route the outbox does not send to, and goes on', async () => {
		const items = [
			{ ...adjustment('url-1', 1, 'url a'), url: '/api/users' },
			{ ...adjustment('url-2', 1, 'url b'), url: '/api/inventory/adjustments/../../users' },
			{ ...adjustment('url-3', 1, 'url c'), url: '/api/counts/tasks/x/lines?y=1' },
			adjustment('url-4', 1, 'url d')
		];
		const { results: got } = await results(await batch(items));
		expect(got.map((r) => r.status)).toEqual([422, 422, 422, 201]);
		expect(got[0]!.problem?.type).toBe('urn:ordo:problem:not-an-outbox-route');
		expect(await applied('url ')).toEqual(new Map([['url d', 1]]));
	});

	it('refuses a batch over the limit as a whole with a 422 problem, applying nothing', async () => {
		const items = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) =>
			adjustment(`big-${i}`, 1, `big ${i}`)
		);
		const res = await batch(items);
		expect(res.status).toBe(422);
		expect(res.headers.get('content-type')).toMatch(/problem\+json/);
		const problem = await res.json();
		expect(JSON.stringify(problem.errors)).toMatch(/At most 200 items/);
		expect(await applied('big ')).toEqual(new Map());
	});

	it('is for signed-in people only', async () => {
		const res = await t.request('/api/sync/batch', {
			method: 'POST',
			json: { items: [adjustment('anon-1', 1, 'anon a')] }
		});
		expect(res.status).toBe(401);
		expect(await applied('anon ')).toEqual(new Map());
	});

	it('refuses an Idempotency-Key on the batch itself: each item carries its own', async () => {
		const res = await t.request('/api/sync/batch', {
			method: 'POST',
			session: picker,
			headers: { 'idempotency-key': 'whole-batch' },
			json: { items: [adjustment('whole-1', 1, 'whole a')] }
		});
		expect(res.status).toBe(400);
		expect((await res.json()).detail).toMatch(/each item carries its own/);
		expect(await applied('whole ')).toEqual(new Map());
	});

	it('refuses a body over 1 MiB with a 413 problem before reading it all, applying nothing', async () => {
		const res = await batch([adjustment('huge-1', 1, `huge ${'x'.repeat(2 * 1024 * 1024)}`)]);
		expect(res.status).toBe(413);
		expect(res.headers.get('content-type')).toMatch(/problem\+json/);
		expect(await applied('huge ')).toEqual(new Map());
	});
});
