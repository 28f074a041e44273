import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingClient, statementsOf, verbCtx, type Trip } from '../../bench/capture';
import { explain } from '../../bench/plans';
import { searchCustomers } from '../../worker/features/customers/search-customers';
import type { CustomerList, CustomerProfile } from '../../worker/features/customers/schemas';
import {
	createCustomer,
	createLocation,
	createOrders,
	createProduct,
	receiveStock
} from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let rep: Session;
let warehouse: Session;
let ada: CustomerProfile;

type Problem = { type: string; title: string; detail?: string; errors?: Record<string, string[]> };

const create = async (json: unknown, session: Session = rep) => {
	const res = await t.request('/api/customers', { method: 'POST', json, session });
	return { status: res.status, body: (await res.json()) as CustomerProfile & Problem };
};
const send = async (path: string, method: string, json?: unknown) => {
	const res = await t.request(path, { method, json, session: rep });
	return { status: res.status, body: (await res.json()) as CustomerProfile & Problem };
};
const find = async (q: string, extra = '', session: Session = rep) => {
	const res = await t.request(`/api/customers?q=${encodeURIComponent(q)}${extra}`, { session });
	return { status: res.status, body: (await res.json()) as CustomerList & Problem };
};
const names = async (q: string) => (await find(q)).body.items.map((c) => c.name);

beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
	warehouse = await t.signIn('warehouse');
	const made = await create({
		givenName: '  Ada ',
		familyName: 'Lovelace',
		preferredName: 'Countess',
		dateOfBirth: '1985-12-10',
		emails: [{ email: ' Ada.Lovelace@Example.TEST ' }],
		phones: [{ phone: '020 7946 0018' }],
		addresses: [
			{
				kind: 'billing',
				line1: '12 St James Square',
				city: 'London',
				postalCode: 'sw1y4jh',
				country: 'gb'
			}
		],
		externalIds: [{ system: 'shopify', value: 'SH-1815' }],
		tags: ['VIP', 'vip', 'trade']
	});
	expect(made.status).toBe(201);
	ada = made.body;
	await create({
		givenName: 'Adam',
		familyName: 'Smith',
		emails: [{ email: 'smith@example.test' }],
		phones: [{ phone: '+44 7700 900123' }]
	});
	await create({
		givenName: 'Grace',
		familyName: 'Hopper',
		emails: [{ email: 'grace@adamant.test' }],
		phones: [{ phone: '+1 415 555 2671' }]
	});
	await create({
		givenName: 'José',
		familyName: 'Müller',
		addresses: [{ kind: 'shipping', line1: 'Damrak 1', postalCode: '1012 lg', country: 'NL' }]
	});
});

describe('creating a profile', () => {
	it('stores every value normalised, keeping what was typed for display', () => {
		expect(ada).toMatchObject({
			name: 'Ada Lovelace',
			givenName: 'Ada',
			preferredName: 'Countess',
			email: 'ada.lovelace@example.test',
			phone: '+442079460018',
			version: 1,
			mergedInto: null,
			tags: ['trade', 'VIP'],
			externalIds: [{ system: 'shopify', value: 'SH-1815' }]
		});
		expect(ada.emails).toEqual([
			expect.objectContaining({
				email: 'ada.lovelace@example.test',
				original: 'Ada.Lovelace@Example.TEST',
				primary: true
			})
		]);
		expect(ada.phones[0]).toMatchObject({
			e164: '+442079460018',
			original: '020 7946 0018',
			primary: true
		});
		expect(ada.addresses[0]).toMatchObject({
			postalCode: 'SW1Y 4JH',
			country: 'GB',
			kind: 'billing'
		});
		expect(Number(ada.number)).toBeGreaterThanOrEqual(100_000);
	});

	it('answers 422 naming each bad field in words, and writes nothing', async () => {
		const before = (await find('Nobody')).body.items.length;
		const res = await create({
			givenName: 'Nobody',
			emails: [{ email: 'not-an-email' }],
			phones: [{ phone: '020 79' }],
			addresses: [{ kind: 'billing', line1: '1 Road', postalCode: '12345', country: 'GB' }],
			dateOfBirth: '1990-02-30'
		});
		expect(res.status).toBe(422);
		expect(res.body.errors).toEqual({
			'emails.0.email': [expect.stringMatching(/not an email address/)],
			'phones.0.phone': [expect.stringMatching(/not a valid phone number in GB/)],
			'addresses.0.postalCode': [expect.stringMatching(/not a GB postcode/)],
			dateOfBirth: ['This date does not exist']
		});
		expect((await find('Nobody')).body.items.length).toBe(before);
	});

	it('needs a name, and refuses roles without customers.write', async () => {
		expect((await create({ emails: [{ email: 'x@example.test' }] })).body.errors).toHaveProperty(
			'givenName'
		);
		expect((await create({ givenName: 'Ware' }, warehouse)).status).toBe(403);
	});

	it('refuses an external id that already belongs to someone', async () => {
		const res = await create({
			givenName: 'Copy',
			externalIds: [{ system: 'shopify', value: 'SH-1815' }]
		});
		expect(res.status).toBe(409);
		expect(res.body.type).toBe('urn:ordo:problem:external-id-taken');
	});
});

describe('editing a profile', () => {
	it('changes the fields sent, follows the name, and records who and when', async () => {
		const made = await create({ givenName: 'Mary', familyName: 'Somerville' });
		const res = await send(`/api/customers/${made.body.id}`, 'PATCH', {
			expectVersion: 1,
			familyName: 'Fairfax',
			notes: 'Prefers calls after 10',
			tags: ['science']
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			name: 'Mary Fairfax',
			notes: 'Prefers calls after 10',
			version: 2,
			tags: ['science']
		});
		const events = await t.client.execute({
			sql: 'SELECT kind FROM timeline_events WHERE customer_id = ? ORDER BY at, rowid',
			args: [made.body.id]
		});
		expect(events.rows.map((r) => r.kind)).toEqual(['customer.create', 'customer.update']);
	});

	it('answers 409 naming what someone else changed since the version you loaded', async () => {
		const made = await create({ givenName: 'Caroline', familyName: 'Herschel' });
		const path = `/api/customers/${made.body.id}`;
		expect((await send(`${path}/emails`, 'POST', { email: 'caroline@example.test' })).status).toBe(
			201
		);
		const stale = await send(path, 'PATCH', { expectVersion: 1, notes: 'mine' });
		expect(stale.status).toBe(409);
		expect(stale.body.type).toBe('urn:ordo:problem:customer-changed');
		expect(stale.body.detail).toMatch(/changed emails since you loaded it/);
		expect(Object.keys(stale.body.errors ?? {})).toEqual(['emails']);
		expect((await send(path, 'GET')).body.notes).toBeNull();
	});

	it('adds and removes emails, phones and addresses, keeping one primary', async () => {
		const made = await create({
			givenName: 'Emmy',
			familyName: 'Noether',
			emails: [{ email: 'emmy@example.test' }]
		});
		const path = `/api/customers/${made.body.id}`;
		const second = await send(`${path}/emails`, 'POST', {
			email: 'E.Noether@Example.test',
			primary: true
		});
		expect(second.body.email).toBe('e.noether@example.test');
		expect(second.body.emails.filter((e) => e.primary)).toHaveLength(1);
		const primaryId = second.body.emails.find((e) => e.primary)!.id;
		const removed = await send(`${path}/emails/${primaryId}`, 'DELETE');
		expect(removed.body.email).toBe('emmy@example.test');
		expect(removed.body.emails).toEqual([expect.objectContaining({ primary: true })]);

		const phone = await send(`${path}/phones`, 'POST', { phone: '(020) 7946-0999', kind: 'work' });
		expect(phone.body.phone).toBe('+442079460999');
		const address = await send(`${path}/addresses`, 'POST', {
			kind: 'shipping',
			line1: 'Hauptstr. 5',
			postalCode: '10115',
			country: 'DE'
		});
		expect(address.status).toBe(201);
		const gone = await send(`${path}/addresses/${address.body.addresses[0]!.id}`, 'DELETE');
		expect(gone.body.addresses).toEqual([]);
		expect(gone.body.version).toBe(6);
	});

	it('answers 404 for a contact that is not this customer’s, and 422 for a bad phone', async () => {
		expect((await send(`/api/customers/${ada.id}/emails/nope`, 'DELETE')).status).toBe(404);
		const bad = await send(`/api/customers/${ada.id}/phones`, 'POST', { phone: 'call me' });
		expect(bad.status).toBe(422);
		expect(bad.body.errors).toHaveProperty('phone');
	});

	it('records consent per channel with when and how', async () => {
		const res = await send(`/api/customers/${ada.id}/consents/sms`, 'PUT', {
			granted: true,
			source: 'phone call',
			at: '2026-01-02T10:00:00.000Z'
		});
		expect(res.body.consents).toEqual([
			{ channel: 'sms', granted: true, at: '2026-01-02T10:00:00.000Z', source: 'phone call' }
		]);
		const off = await send(`/api/customers/${ada.id}/consents/sms`, 'PUT', {
			granted: false,
			source: 'unsubscribe link'
		});
		expect(off.body.consents).toEqual([
			expect.objectContaining({ granted: false, source: 'unsubscribe link' })
		]);
	});
});

describe('one-box search', () => {
	it('finds any part of a name, ranking whole words before prefixes', async () => {
		expect(await names('Lovelace')).toEqual(['Ada Lovelace']);
		// Grace's email grace@adamant.test starts a word with "ada" too: an email match ranks after names.
		expect(await names('ada')).toEqual(['Ada Lovelace', 'Adam Smith', 'Grace Hopper']);
		expect(await names('jose muller')).toEqual(['José Müller']);
	});

	it('forgives a typo in a name and says the match is fuzzy', async () => {
		const res = await find('Lovelcae');
		expect(res.body.items.map((c) => c.name)).toEqual(['Ada Lovelace']);
		expect(res.body.items[0]!.matched).toMatchObject({ field: 'name', fuzzy: true });
		expect(await names('Hoper')).toEqual(['Grace Hopper']);
	});

	it('finds an email, whole or its start, and highlights which', async () => {
		const res = await find('ADA.LOVELACE@example.test');
		expect(res.body.items[0]).toMatchObject({
			name: 'Ada Lovelace',
			matched: { field: 'email', value: 'Ada.Lovelace@Example.TEST' }
		});
		expect(await names('grace@adam')).toEqual(['Grace Hopper']);
	});

	it('finds a phone however it is typed', async () => {
		for (const typed of [
			'+44 20 7946 0018',
			'020 7946 0018',
			'020-7946-0018',
			'0044 20 79460018',
			'7946 0018'.slice(0, 0) + '02079'
		])
			expect(await names(typed), typed).toContain('Ada Lovelace');
		const res = await find('+44 20 7946 0018');
		expect(res.body.items[0]!.matched).toMatchObject({ field: 'phone', value: '020 7946 0018' });
		expect(await names('(415) 555-2671')).toEqual(['Grace Hopper']);
	});

	it('finds a postcode typed any way', async () => {
		expect(await names('SW1Y 4JH')).toEqual(['Ada Lovelace']);
		expect(await names('sw1y4')).toEqual(['Ada Lovelace']);
		expect((await find('1012LG')).body.items[0]).toMatchObject({
			name: 'José Müller',
			matched: { field: 'postcode', value: '1012 LG' }
		});
	});

	it('finds the customer of an order number and of an external id', async () => {
		const product = await createProduct(t.db);
		const location = await createLocation(t.db);
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 5 });
		const [order] = await createOrders(t.db, {
			productId: product.id,
			locationId: location.id,
			customerId: ada.id,
			count: 1
		});
		await t.client.execute({
			sql: "UPDATE orders SET number = 'ORD-77001' WHERE id = ?",
			args: [order!.id]
		});
		expect((await find('ord-77001')).body.items[0]).toMatchObject({
			name: 'Ada Lovelace',
			matched: { field: 'order', value: 'ORD-77001' }
		});
		expect((await find('SH-1815')).body.items[0]).toMatchObject({
			name: 'Ada Lovelace',
			matched: { field: 'externalId', value: 'shopify: SH-1815' }
		});
		expect((await send(`/api/customers/${ada.id}`, 'GET')).body.orders.count).toBe(1);
	});

	it('pages with a cursor: every match once, in rank order', async () => {
		for (let i = 0; i < 5; i++) await createCustomer(t.db, { name: `Pager Person${i}` });
		await createCustomer(t.db, { name: 'Pager' });
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const res = await find('pager', `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
			expect(res.status).toBe(200);
			seen.push(...res.body.items.map((c) => c.name));
			cursor = res.body.nextCursor;
		} while (cursor);
		expect(seen[0]).toBe('Pager');
		expect([...seen].sort()).toEqual(
			['Pager', ...[0, 1, 2, 3, 4].map((i) => `Pager Person${i}`)].sort()
		);
		expect((await find('pager', '&cursor=garbage')).status).toBe(422);
	});

	it('treats search syntax as text, asks for two characters, refuses roles without customers.read', async () => {
		for (const q of ['"ada', 'ada OR grace', 'name:*', '%a', 'NEAR(a b)'])
			expect((await find(q)).status, q).toBe(200);
		expect((await find('a')).status).toBe(422);
		expect((await find('ada', '', warehouse)).status).toBe(403);
	});
});

describe('tombstones', () => {
	it('leave search, and resolve to the survivor at the end of the chain', async () => {
		const survivor = await create({ givenName: 'Survivor', familyName: 'Tombtest' });
		const middle = await createCustomer(t.db, { name: 'Middle Tombtest' });
		const old = await createCustomer(t.db, { name: 'Old Tombtest' });
		await t.client.batch(
			[
				{
					sql: 'UPDATE customers SET merged_into = ? WHERE id = ?',
					args: [survivor.body.id, middle.id]
				},
				{ sql: 'UPDATE customers SET merged_into = ? WHERE id = ?', args: [middle.id, old.id] }
			],
			'write'
		);
		expect(await names('tombtest')).toEqual(['Survivor Tombtest']);
		const res = await send(`/api/customers/${old.id}`, 'GET');
		expect(res.status).toBe(200);
		expect(res.body.mergedInto).toBe(survivor.body.id);
		expect((await send(`/api/customers/${survivor.body.id}`, 'GET')).body.mergedInto).toBeNull();
		expect((await send('/api/customers/no-such-id', 'GET')).status).toBe(404);
	});
});

// Last in the file: the EXPLAINs read through a second connection to the same file.
describe('one-box search plans', () => {
	it('plans every kind of query without a scan of customers or another large table', async () => {
		const page = (await find('pager', '&limit=2')).body.nextCursor!;
		const kinds: [string, string?][] = [
			['Lovelace'],
			['jose muller'],
			['Lovelcae'],
			['ad'],
			['ADA.LOVELACE@example.test'],
			['grace@adam'],
			['+44 20 7946 0018'],
			['020-7946-0018'],
			['SW1Y 4JH'],
			['1012LG'],
			['ORD-77001'],
			['SH-1815'],
			['1000001'],
			['pager', page]
		];
		// A connection of its own, closed at the end, so nothing it read holds a lock.
		const client = createClient({ url: t.url });
		for (const [q, cursor] of kinds) {
			const trips: Trip[] = [];
			const ctx = verbCtx(recordingClient(client, trips), { count: 0 });
			await searchCustomers({ ctx, input: { q, limit: 2, ...(cursor ? { cursor } : {}) } });
			const statements = statementsOf(trips);
			expect(statements.length, q).toBeGreaterThan(0);
			for (const statement of statements) {
				const plan = await explain(client, statement);
				expect(plan.scans, q).toEqual([]);
				// Nor a scan in disguise: "merged_into IS NULL" through its index is every live customer.
				expect(plan.lines.join('\n'), q).not.toMatch(/customers_merged_into|erased_at/);
			}
		}
		client.close();
	});
});
