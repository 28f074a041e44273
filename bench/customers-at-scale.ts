import { faker } from '@faker-js/faker';
import type { Client } from '@libsql/client';
import { insertStatements } from '../scripts/seed/sql-chunks';
import { seededRandom } from './random';

// Customers at scale for the customer search scenario: invented people on top of the demo
// shop's, each with an email and a UK mobile, a third with a GB address, a quarter with an
// id in a legacy system. Bulk loading with the search triggers of migration 0015 in place
// would rebuild each customer's index row four times; instead the triggers are set aside
// (their SQL read from sqlite_master, so nothing here copies them), the rows written, the
// index filled with one INSERT … SELECT, and the triggers put back as they were.

const CHUNK = 20_000;
const TABLES = ['customers', 'customer_emails', 'customer_phones', 'customer_addresses'];
const AREAS = ['SW', 'SE', 'N', 'E', 'W', 'EC', 'M', 'B', 'LS', 'G', 'EH', 'CF', 'BS', 'NG', 'L'];

export async function seedCustomersAtScale(client: Client, count: number): Promise<void> {
	faker.seed(9);
	const given = Array.from({ length: 3000 }, () => faker.person.firstName());
	const family = Array.from({ length: 8000 }, () => faker.person.lastName());
	const next = seededRandom(9);
	const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;

	const { rows: triggers } = await client.execute(
		`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
			AND tbl_name IN (${TABLES.map((t) => `'${t}'`).join(', ')})`
	);
	await client.batch(
		triggers.map((t) => `DROP TRIGGER ${String(t.name)}`),
		'write'
	);
	const { rows } = await client.execute('SELECT coalesce(max(seq), 0) AS top FROM customers');
	const base = Number(rows[0]!.top);
	const now = Date.now();
	for (let start = 0; start < count; start += CHUNK) {
		const customers = [];
		const emails = [];
		const phones = [];
		const addresses = [];
		const externals = [];
		for (let i = start; i < Math.min(count, start + CHUNK); i++) {
			const id = crypto.randomUUID();
			const g = pick(given);
			const f = pick(family);
			const seq = base + i + 1;
			customers.push([
				id,
				String(1_000_000 + i),
				`${g} ${f}`,
				g,
				f,
				'United Kingdom',
				seq,
				now,
				now
			]);
			const email = `${g}.${f}.${i}@example.test`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
			emails.push([`${id}:e`, id, email, email, 1, now]);
			const national = `7${String(i).padStart(9, '0')}`;
			phones.push([
				`${id}:p`,
				id,
				`+44${national}`,
				national,
				`0${national.slice(0, 4)} ${national.slice(4)}`,
				1,
				now
			]);
			if (i % 3 === 0) {
				const out = `${pick(AREAS)}${1 + Math.floor(next() * 20)}`;
				const inward = `${Math.floor(next() * 10)}${String.fromCharCode(65 + Math.floor(next() * 26))}${String.fromCharCode(65 + Math.floor(next() * 26))}`;
				addresses.push([
					`${id}:a`,
					id,
					'shipping',
					`${i % 200} High Street`,
					'London',
					`${out} ${inward}`,
					`${out}${inward}`.toLowerCase(),
					'GB',
					now
				]);
			}
			if (i % 4 === 0) externals.push([id, 'legacy', `L-${700_000 + i}`, now]);
		}
		await client.batch(
			[
				...insertStatements(
					'customers',
					[
						'id',
						'number',
						'name',
						'given_name',
						'family_name',
						'country',
						'seq',
						'created_at',
						'updated_at'
					],
					customers
				),
				...insertStatements(
					'customer_emails',
					['id', 'customer_id', 'email', 'original', 'is_primary', 'created_at'],
					emails
				),
				...insertStatements(
					'customer_phones',
					['id', 'customer_id', 'e164', 'national', 'original', 'is_primary', 'created_at'],
					phones
				),
				...insertStatements(
					'customer_addresses',
					[
						'id',
						'customer_id',
						'kind',
						'line1',
						'city',
						'postal_code',
						'postal_key',
						'country',
						'created_at'
					],
					addresses
				),
				...insertStatements(
					'customer_external_ids',
					['customer_id', 'system', 'value', 'created_at'],
					externals
				)
			],
			'write'
		);
	}
	// The index rows, as the triggers would have written them (the primary columns too).
	await client.batch(
		[
			{
				sql: `UPDATE customers SET
					email = (SELECT email FROM customer_emails e WHERE e.customer_id = customers.id AND is_primary = 1),
					phone = (SELECT e164 FROM customer_phones p WHERE p.customer_id = customers.id AND is_primary = 1)
					WHERE seq > ?`,
				args: [base]
			},
			{
				sql: `INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
					c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
					(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
					(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
					(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
					FROM customers c WHERE c.seq > ? AND c.merged_into IS NULL`,
				args: [base]
			},
			"INSERT INTO customer_search (customer_search) VALUES ('optimize')",
			...triggers.map((t) => String(t.sql))
		],
		'write'
	);
}
