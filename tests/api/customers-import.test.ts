import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerCsv } from '../../bench/customer-csv';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let manager: Session;

beforeAll(async () => {
	t = await createTestApi();
	manager = await t.signIn('manager');
});
afterAll(() => t.client.close());

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/customers-import/${name}`, import.meta.url), 'utf8');

const send = (csv: string, dryRun = false, session = manager) =>
	t.request('/api/customers/import', { method: 'POST', session, json: { csv, dryRun } });

const count = async (table: string) =>
	Number((await t.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

/** Every table an import writes, to show a refused or dry-run import wrote nothing. */
async function snapshot() {
	const tables = [
		'customers',
		'customer_emails',
		'customer_phones',
		'customer_addresses',
		'customer_external_ids',
		'customer_search',
		'timeline_events'
	];
	return Object.fromEntries(await Promise.all(tables.map(async (x) => [x, await count(x)])));
}

describe('customer import: a good file', () => {
	it('previews on a dry run, normalised, and writes nothing but its audit entry', async () => {
		const before = await snapshot();
		const res = await send(fixture('good.csv'), true);
		expect(res.status, await res.clone().text()).toBe(200);
		const report = await res.json();
		expect(report).toMatchObject({
			dryRun: true,
			applied: false,
			rows: 3,
			created: 3,
			errorCount: 0
		});
		expect(report.preview[0]).toEqual({
			line: 2,
			values: expect.objectContaining({
				email: 'ann.okafor@example.com',
				phone: '+442079460018',
				postal_code: 'SW1A 2AA',
				country: 'GB'
			})
		});
		expect(await snapshot()).toEqual(before);
		const audit = await t.client.execute(
			"SELECT details FROM audit_log WHERE action = 'customer.import_check'"
		);
		expect(audit.rows).toHaveLength(1);
	});

	it('imports every row once, searchable, and reports exact matches on a second import', async () => {
		const res = await send(fixture('good.csv'));
		expect(res.status, await res.clone().text()).toBe(200);
		expect(await res.json()).toMatchObject({ applied: true, created: 3, matched: [] });
		const ann = await t.client.execute(
			`SELECT c.given_name, c.email, c.phone, a.postal_code, x.value AS external_id
			FROM customers c JOIN customer_addresses a ON a.customer_id = c.id
			JOIN customer_external_ids x ON x.customer_id = c.id WHERE c.family_name = 'Okafor'`
		);
		expect(ann.rows[0]).toMatchObject({
			given_name: 'Ann',
			email: 'ann.okafor@example.com',
			phone: '+442079460018',
			postal_code: 'SW1A 2AA',
			external_id: 'CRM-1'
		});
		// Found the ways a profile made by hand is: by a phone typed another way, by postcode.
		for (const q of ['020 7946 0018', 'SW1A 2AA', 'okafor']) {
			const search = await t.request(`/api/customers?q=${encodeURIComponent(q)}`, {
				session: manager
			});
			const { items } = await search.json();
			expect(
				items.map((c: { name: string }) => c.name),
				q
			).toEqual(['Ann Okafor']);
		}
		const { id } = (await t.client.execute("SELECT id FROM customers WHERE family_name = 'Okafor'"))
			.rows[0] as unknown as { id: string };
		const profile = await (await t.request(`/api/customers/${id}`, { session: manager })).json();
		expect(profile.emails).toEqual([
			expect.objectContaining({
				email: 'ann.okafor@example.com',
				original: 'Ann.Okafor@Example.com',
				primary: true
			})
		]);
		expect(
			(await t.client.execute("SELECT 1 FROM audit_log WHERE action = 'customer.import'")).rows
		).toHaveLength(1);

		const before = await snapshot();
		const again = await send(fixture('good.csv'));
		expect(again.status).toBe(200);
		const report = await again.json();
		expect(report.created).toBe(0);
		expect(report.matched.map((m: { line: number }) => m.line)).toEqual([2, 3, 4]);
		expect(await snapshot()).toEqual(before);
	});

	it('reports unknown columns and imports the known ones', async () => {
		const res = await send(fixture('unknown-column.csv'), true);
		const report = await res.json();
		expect(report.unknownColumns).toEqual(['shoe_size']);
		expect(report.columns).toContainEqual({ name: 'Last Name', column: 'last_name' });
		expect(report.preview[0].values).toEqual({
			email: 'dev@example.com',
			first_name: 'Dev',
			last_name: 'Patel'
		});
	});
});

describe('customer import: bad files change nothing', () => {
	it.each([
		['bad-date.csv', [2, 3], /date_of_birth/],
		['bad-email.csv', [3, 4], /email: This is not an email address/],
		['duplicate-rows.csv', [4, 5], /repeats line 2|already used on line 3/]
	])('%s: a 422 naming each bad line, nothing written', async (file, lines, message) => {
		const before = await snapshot();
		const dry = await (await send(fixture(file), true)).json();
		expect(dry.errors.map((e: { line: number }) => e.line)).toEqual(lines);
		for (const e of dry.errors) expect(e.message).toMatch(new RegExp(`^Line ${e.line}`));
		expect(dry.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(message);

		const res = await send(fixture(file));
		expect(res.status).toBe(422);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:import-rows-invalid');
		expect(problem.title).toMatch(/nothing was imported/);
		expect(Object.keys(problem.errors)).toEqual(lines.map((l) => `line ${l}`));
		expect(await snapshot()).toEqual(before);
	});

	it('refuses a row whose external id another customer holds with other details', async () => {
		const before = await snapshot();
		const csv =
			'external_id,first_name,email\nCRM-1,Someone,else@example.com\nNEW-9,New,new9@example.com\n';
		const res = await send(csv);
		expect(res.status).toBe(422);
		expect((await res.json()).errors['line 2'][0]).toMatch(/CRM-1.*already belongs to customer/);
		expect(await snapshot()).toEqual(before);
	});

	it('names a line with more fields than the header, and a header with no known column', async () => {
		const extra = await (await send('first_name,email\nAnn,ann@x.com,oops\n', true)).json();
		expect(extra.errors).toEqual([
			{ line: 2, message: 'Line 2 has 3 fields but the header has 2' }
		]);
		const none = await (await send('colour,size\nred,4\n', true)).json();
		expect(none.errors[0].message).toMatch(/names none of the known columns/);
		// A million columns took 23 s and echoed 42 MB: refused from the header line alone.
		const wide = Array.from({ length: 1_000 }, (_, i) => `c${i}`).join(',');
		const body = await (await send(`${wide},email\nx\n`, true)).json();
		expect(body.errors).toEqual([
			{
				line: 1,
				message: expect.stringMatching(/^The header row has 1,001 columns .* at most 100/)
			}
		]);
		expect(JSON.stringify(body).length).toBeLessThan(2_000);
	});

	it('refuses a card number in any cell', async () => {
		const res = await send('first_name,address_line1,country\nAnn,4111 1111 1111 1111,GB\n', true);
		expect((await res.json()).errors[0].message).toMatch(/^Line 2, address_line1: Card numbers/);
	});

	it('is refused to support staff', async () => {
		const res = await send(fixture('good.csv'), true, await t.signIn('support'));
		expect(res.status).toBe(403);
	});
});

describe('customer import: a large file', () => {
	it('applies 2,000 rows in one go (the bench measures 100,000)', async () => {
		const before = await count('customers');
		const res = await send(customerCsv(2_000, 3));
		expect(res.status, await res.clone().text()).toBe(200);
		expect((await res.json()).created).toBe(2_000);
		expect(await count('customers')).toBe(before + 2_000);
	});
});
