import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_UP_WINDOW_MS } from '../../worker/core/access/step-up';
import {
	createCustomer,
	createLocation,
	createOrders,
	createProduct,
	receiveStock
} from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let manager: Session;
let support: Session;

beforeAll(async () => {
	t = await createTestApi();
	manager = await t.signIn('manager');
	support = await t.signIn('support');
});
afterAll(() => t.client.close());

const ADDRESS = {
	name: 'Ann Okafor',
	line1: '10 Downing Street',
	city: 'London',
	postcode: 'SW1A 2AA',
	country: 'GB'
};

/** A customer with every kind of personal data, a profile merged into it, and a paid order. */
async function personWithHistory() {
	const ann = await createCustomer(t.db, {
		name: 'Ann Okafor',
		givenName: 'Ann',
		familyName: 'Okafor',
		dateOfBirth: '1984-03-27',
		notes: 'Prefers morning calls',
		email: null,
		phone: null
	});
	const old = await createCustomer(t.db, { name: 'A. Okafor', email: null, phone: null });
	const sql = (text: string, ...args: (string | number)[]) => t.client.execute({ sql: text, args });
	await sql('UPDATE customers SET merged_into = ? WHERE id = ?', ann.id, old.id);
	await sql(
		`INSERT INTO customer_emails (id, customer_id, email, original, is_primary, created_at)
		VALUES (?, ?, 'ann.okafor@example.com', 'Ann.Okafor@Example.com', 1, 0),
			(?, ?, 'a.okafor@example.com', 'a.okafor@example.com', 1, 0)`,
		crypto.randomUUID(),
		ann.id,
		crypto.randomUUID(),
		old.id
	);
	await sql(
		`INSERT INTO customer_phones (id, customer_id, e164, national, original, kind, is_primary, created_at)
		VALUES (?, ?, '+442079460018', '2079460018', '020 7946 0018', 'home', 1, 0)`,
		crypto.randomUUID(),
		ann.id
	);
	await sql(
		`INSERT INTO customer_addresses (id, customer_id, kind, line1, city, postal_code, postal_key, country, created_at)
		VALUES (?, ?, 'shipping', '10 Downing Street', 'London', 'SW1A 2AA', 'sw1a2aa', 'GB', 0)`,
		crypto.randomUUID(),
		ann.id
	);
	await sql(
		`INSERT INTO customer_consents (customer_id, channel, granted, at, source) VALUES (?, 'email', 1, 0, 'checkout')`,
		ann.id
	);
	await sql(
		`INSERT INTO customer_external_ids (customer_id, system, value, created_at) VALUES (?, 'shopify', ?, 0)`,
		ann.id,
		`gid-${ann.id}`
	);
	const product = await createProduct(t.db);
	const location = await createLocation(t.db);
	await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 10 });
	const [order] = await createOrders(t.db, {
		productId: product.id,
		locationId: location.id,
		customerId: ann.id,
		unitPriceMinor: 1250
	});
	await sql(
		'UPDATE orders SET shipping_address = ?, billing_address = ?, notes = ? WHERE id = ?',
		JSON.stringify(ADDRESS),
		JSON.stringify(ADDRESS),
		'Leave with Ann next door',
		order!.id
	);
	return { ann, old, order: order! };
}

const auditActions = async (action: string, targetId: string) =>
	(
		await t.client.execute({
			sql: 'SELECT actor_id FROM audit_log WHERE action = ? AND target_id = ?',
			args: [action, targetId]
		})
	).rows;

describe('exporting one customer on request', () => {
	it('gives profile, merged profiles, emails, phones, addresses, consents, ids, orders and timeline as JSON, audited', async () => {
		const { ann, old, order } = await personWithHistory();
		const res = await t.request(`/api/customers/${ann.id}/export`, { session: manager });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toContain('.json');
		const data = await res.json();
		expect(data.profile).toMatchObject({ id: ann.id, givenName: 'Ann', dateOfBirth: '1984-03-27' });
		expect(data.mergedProfiles.map((p: { id: string }) => p.id)).toEqual([old.id]);
		expect(data.emails.map((e: { email: string }) => e.email).sort()).toEqual([
			'a.okafor@example.com',
			'ann.okafor@example.com'
		]);
		expect(data.phones[0]).toMatchObject({ e164: '+442079460018', isPrimary: true });
		expect(data.addresses[0]).toMatchObject({ line1: '10 Downing Street', postalCode: 'SW1A 2AA' });
		expect(data.consents[0]).toMatchObject({ channel: 'email', granted: true, source: 'checkout' });
		expect(data.externalIds[0]).toMatchObject({ system: 'shopify', value: `gid-${ann.id}` });
		expect(data.orders[0]).toMatchObject({
			id: order.id,
			totalMinor: 1250,
			shippingAddress: ADDRESS,
			lines: [expect.objectContaining({ quantity: 1, unitPriceMinor: 1250 })]
		});
		expect(await auditActions('customer.export', ann.id)).toHaveLength(1);
	});

	it('gives the same data as CSV, one value a line, with formula cells neutralised', async () => {
		const { ann } = await personWithHistory();
		await t.client.execute({
			sql: 'UPDATE customers SET notes = ? WHERE id = ?',
			args: ['=HYPERLINK("http://evil")', ann.id]
		});
		const res = await t.request(`/api/customers/${ann.id}/export?format=csv`, { session: manager });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/csv');
		const text = await res.text();
		const lines = text.trim().split('\r\n');
		expect(lines[0]).toBe('section,record,field,value');
		expect(lines).toContain('profile,1,givenName,Ann');
		expect(text).toMatch(/^email,\d,email,a\.okafor@example\.com\r$/m);
		expect(lines).toContain('phone,1,e164,+442079460018'.replace('+', "'+"));
		expect(lines).toContain('order_line,1,unitPriceMinor,1250');
		expect(text).toContain(`profile,1,notes,"'=HYPERLINK(""http://evil"")"`);
		expect(await auditActions('customer.export', ann.id)).toHaveLength(1);
	});

	it('is refused to support staff and unknown for a customer that does not exist, with nothing audited', async () => {
		const { ann } = await personWithHistory();
		const refused = await t.request(`/api/customers/${ann.id}/export`, { session: support });
		expect(refused.status).toBe(403);
		const missing = await t.request('/api/customers/nobody/export', { session: manager });
		expect(missing.status).toBe(404);
		expect(await auditActions('customer.export', 'nobody')).toHaveLength(0);
	});
});

describe('erasing one customer on request', () => {
	it('removes personal data everywhere, keeps the orders and amounts, and is audited', async () => {
		const { ann, old, order } = await personWithHistory();
		const one = async (q: string, ...args: string[]) =>
			(await t.client.execute({ sql: q, args })).rows;
		// Other tests' customers are called Okafor too: look at these two people's rows only.
		const searchRows = (term: string) =>
			one(
				`SELECT rowid FROM customer_search WHERE customer_search MATCH ?
				AND rowid IN (SELECT seq FROM customers WHERE id IN (?, ?))`,
				`"${term}"`,
				ann.id,
				old.id
			);
		for (const term of ['okafor', '442079460018', 'sw1a2aa'])
			expect(await searchRows(term), term).not.toEqual([]);

		const res = await t.request(`/api/customers/${ann.id}/erase`, {
			method: 'POST',
			session: manager
		});
		expect(res.status, await res.clone().text()).toBe(200);
		expect(await res.json()).toMatchObject({ id: ann.id, profiles: 2, ordersAnonymised: 1 });

		for (const id of [ann.id, old.id]) {
			const [row] = await one('SELECT * FROM customers WHERE id = ?', id);
			expect(row).toMatchObject({
				name: 'Erased customer',
				given_name: null,
				family_name: null,
				date_of_birth: null,
				notes: null,
				email: null,
				phone: null
			});
			expect(row!.erased_at).not.toBeNull();
			for (const table of [
				'customer_emails',
				'customer_phones',
				'customer_addresses',
				'customer_consents',
				'customer_external_ids',
				'customer_tags'
			])
				expect(await one(`SELECT 1 FROM ${table} WHERE customer_id = ?`, id), table).toEqual([]);
		}
		for (const term of ['okafor', 'ann', '442079460018', 'sw1a2aa'])
			expect(await searchRows(term), term).toEqual([]);
		const [kept] = await one(
			'SELECT customer_id, total_minor, shipping_address, billing_address, notes FROM orders WHERE id = ?',
			order.id
		);
		expect(kept).toMatchObject({ customer_id: ann.id, total_minor: 1250, notes: null });
		for (const address of [kept!.shipping_address, kept!.billing_address]) {
			expect(JSON.parse(String(address))).toEqual({
				name: 'Erased customer',
				line1: '',
				city: '',
				postcode: '',
				country: 'GB'
			});
		}
		expect(await one('SELECT 1 FROM order_lines WHERE order_id = ?', order.id)).toHaveLength(1);
		expect(await auditActions('customer.erase', ann.id)).toEqual([
			expect.objectContaining({ actor_id: manager.user.id })
		]);
		const again = await t.request(`/api/customers/${ann.id}/erase`, {
			method: 'POST',
			session: manager
		});
		expect(again.status).toBe(409);

		// An erased profile takes no personal data again (the tester refilled one before).
		const version = Number(
			(await one('SELECT version FROM customers WHERE id = ?', ann.id))[0]!.version
		);
		const writes: [string, string, unknown][] = [
			['PATCH', '', { expectVersion: version, givenName: 'Revived', notes: 'back' }],
			['POST', '/emails', { email: 'revived@example.com' }],
			['POST', '/phones', { phone: '+44 20 7946 0999' }],
			['POST', '/addresses', { kind: 'billing', line1: '1 Back Lane', country: 'GB' }],
			['PUT', '/consents/email', { granted: true, source: 'phone call' }]
		];
		for (const [method, suffix, json] of writes) {
			const res = await t.request(`/api/customers/${ann.id}${suffix}`, {
				method,
				session: manager,
				json
			});
			expect(res.status, `${method} ${suffix}`).toBe(409);
			expect((await res.json()).type).toBe('urn:ordo:problem:customer-not-editable');
		}
		const after = await one(
			'SELECT given_name, notes, version FROM customers WHERE id = ?',
			ann.id
		);
		expect(after[0]).toMatchObject({ given_name: null, notes: null, version });
		for (const table of ['customer_emails', 'customer_phones', 'customer_addresses'])
			expect(await one(`SELECT 1 FROM ${table} WHERE customer_id = ?`, ann.id)).toHaveLength(0);
	});

	it('is refused to support staff, and to a manager whose sign-in is older than the step-up window', async () => {
		const { ann } = await personWithHistory();
		const refused = await t.request(`/api/customers/${ann.id}/erase`, {
			method: 'POST',
			session: support
		});
		expect(refused.status).toBe(403);
		const stale = await t.signIn('manager');
		await t.client.execute({
			sql: 'UPDATE sessions SET authenticated_at = ? WHERE user_id = ?',
			args: [Date.now() - STEP_UP_WINDOW_MS - 60_000, stale.user.id]
		});
		const res = await t.request(`/api/customers/${ann.id}/erase`, {
			method: 'POST',
			session: stale
		});
		expect(res.status).toBe(403);
		expect((await res.json()).type).toBe('urn:ordo:problem:reauth-required');
		// The export is a whole person's data too: the same recent sign-in (tester's pass).
		const exported = await t.request(`/api/customers/${ann.id}/export?format=csv`, {
			session: stale
		});
		expect(exported.status).toBe(403);
		expect((await exported.json()).type).toBe('urn:ordo:problem:reauth-required');
		const [row] = (
			await t.client.execute({
				sql: 'SELECT erased_at FROM customers WHERE id = ?',
				args: [ann.id]
			})
		).rows;
		expect(row!.erased_at).toBeNull();
		expect(await auditActions('customer.erase', ann.id)).toHaveLength(0);
	});

	it('points a merged profile at the one to erase instead', async () => {
		const { old } = await personWithHistory();
		const res = await t.request(`/api/customers/${old.id}/erase`, {
			method: 'POST',
			session: manager
		});
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:customer-merged');
	});
});
