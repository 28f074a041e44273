import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, seed, SeedRefused, type SeedSummary } from '../../scripts/seed/index';
import { NEAR_DUPLICATES } from '../../scripts/seed/near-duplicates';
import { BUNDLED_RETAIL_CSV, readRetailCsv, resolveRetailCsv } from '../../scripts/seed/read-csv';
import { buildShop } from '../../scripts/seed/shop';
import { isValidEan13 } from '../../worker/lib/ean13';
import { verifyPassword } from '../../worker/features/auth/password';
import { verifyAudit } from '../../worker/features/audit/verify-audit';
import { systemCtx } from '../../worker/core/context';
import { TEST_DATA_KEY } from '../support/factories';
import { createTestDb, type TestDb } from '../support/test-db';

type Row = Record<
	'InvoiceNo' | 'StockCode' | 'Description' | 'Quantity' | 'UnitPrice' | 'CustomerID',
	string
>;

const CSV = resolveRetailCsv();
const csvBytes = (path: string) =>
	path.endsWith('.gz') ? gunzipSync(readFileSync(path)) : readFileSync(path);
const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
const NOT_STOCK = new Set([
	'POST',
	'M',
	'D',
	'DOT',
	'BANK CHARGES',
	'AMAZONFEE',
	'C2',
	'PADS',
	'S',
	'CRUK',
	'B'
]);

// What the CSV implies, worked out here from the raw rows and the rules in the brief,
// independently of the seed's own code.
function expectations() {
	const rows = parse(csvBytes(CSV), { columns: true }) as Row[];
	const code = (r: Row) => r.StockCode.trim().toUpperCase();
	const pence = (r: Row) => Math.round(Number(r.UnitPrice) * 100);
	const products = new Set(
		rows
			.filter((r) => pence(r) > 0 && r.Description.trim() && !NOT_STOCK.has(code(r)))
			.filter((r) => !code(r).startsWith('GIFT_'))
			.map(code)
	);
	const orders = new Set(
		rows
			.filter((r) => products.has(code(r)) && pence(r) > 0)
			.filter((r) =>
				r.InvoiceNo.startsWith('C') ? Number(r.Quantity) !== 0 : Number(r.Quantity) > 0
			)
			.map((r) => r.InvoiceNo)
	);
	const customers = new Set(rows.map((r) => r.CustomerID).filter(Boolean));
	return { products: products.size, orders, customers: customers.size };
}

let t: TestDb;
let summary: SeedSummary;
let seconds: number;
const expected = expectations();
const all = async <T>(sql: string) => (await t.client.execute(sql)).rows as unknown as T[];

beforeAll(async () => {
	t = await createTestDb();
	const started = performance.now();
	summary = await seed({ client: t.client, now: NOW, dataKey: TEST_DATA_KEY });
	seconds = (performance.now() - started) / 1000;
	console.info(`demo seed took ${seconds.toFixed(1)} s`);
}, 60_000);

describe('seed: the demo shop from the real December 2010 data', () => {
	it('writes audit entries the serving app can verify (keyed with its data key)', async () => {
		const result = await verifyAudit({
			ctx: systemCtx(t.db, NOW, TEST_DATA_KEY),
			input: {}
		});
		expect(result.ok).toBe(true);
	});

	it('gives products a category the return policy can name, and starts at policy version 1', async () => {
		const heart = await all<{ category: string }>(
			"SELECT category FROM products WHERE sku = '85123A'"
		);
		expect(heart[0]!.category).toBe('Lighting');
		const [clearance] = await all<{ n: number }>(
			"SELECT count(*) AS n FROM products WHERE category = 'Clearance'"
		);
		expect(clearance!.n).toBe(12);
		const policies = await all<{ version: number }>('SELECT version FROM return_policies');
		expect(policies.map((p) => p.version)).toEqual([1]);
	});

	it('has one customer per CustomerID in the CSV plus the deliberate near-duplicates', async () => {
		expect(expected.customers).toBe(948);
		expect(summary.customers).toBe(expected.customers + NEAR_DUPLICATES);
		const [row] = await all<{ n: number }>('SELECT count(*) AS n FROM customers');
		expect(row!.n).toBe(summary.customers);
	});

	it('has one order per invoice that keeps a product line, and no other', async () => {
		const rows = await all<{ number: string }>('SELECT number FROM orders');
		expect(new Set(rows.map((r) => r.number))).toEqual(expected.orders);
		expect(summary.orders).toBe(expected.orders.size);
	});

	it('has one product per stock code that was sold at a price, SKUs upper-case', async () => {
		const rows = await all<{ sku: string }>('SELECT sku FROM products');
		expect(rows).toHaveLength(expected.products);
		expect(rows.every((r) => r.sku === r.sku.toUpperCase())).toBe(true);
		expect(rows.map((r) => r.sku)).not.toContain('POST');
	});

	it('names a product in title case and prices it at its most common price in pence', async () => {
		const [heart] = await all<{ name: string; price_minor: number; currency: string }>(
			"SELECT name, price_minor, currency FROM products WHERE sku = '85123A'"
		);
		expect(heart).toEqual({
			name: 'White Hanging Heart T-Light Holder',
			price_minor: 295,
			currency: 'GBP'
		});
	});

	it('gives every product a unique, valid EAN-13 barcode', async () => {
		const rows = await all<{ barcode: string }>('SELECT barcode FROM products');
		expect(rows.filter((r) => !isValidEan13(r.barcode))).toEqual([]);
		expect(new Set(rows.map((r) => r.barcode)).size).toBe(rows.length);
	});

	it('totals every order as the sum of its lines', async () => {
		const wrong = await all(
			`SELECT o.number FROM orders o
			 JOIN order_lines l ON l.order_id = o.id
			 GROUP BY o.id HAVING o.total_minor != sum(l.quantity * l.unit_price_minor)`
		);
		expect(wrong).toEqual([]);
	});

	it('cancels exactly the C invoices and spreads the others across the lifecycle by age', async () => {
		const rows = await all<{ number: string; status: string; placed_at: number }>(
			'SELECT number, status, placed_at FROM orders'
		);
		const cancelled = rows.filter((r) => r.status === 'cancelled').map((r) => r.number);
		expect(cancelled.every((n) => n.startsWith('C'))).toBe(true);
		expect(cancelled).toHaveLength(rows.filter((r) => r.number.startsWith('C')).length);
		const statuses = new Set(rows.map((r) => r.status));
		for (const s of [
			'delivered',
			'shipped',
			'paid',
			'allocated',
			'picked',
			'packed',
			'pending_payment',
			'on_hold'
		]) {
			expect(statuses).toContain(s);
		}
		const latestDelivered = Math.max(
			...rows.filter((r) => r.status === 'delivered').map((r) => r.placed_at)
		);
		const earliestPacked = Math.min(
			...rows.filter((r) => r.status === 'packed').map((r) => r.placed_at)
		);
		expect(latestDelivered).toBeLessThanOrEqual(earliestPacked);
	});

	it('explains every stock level with the ledger', async () => {
		const unexplained = await all(
			`SELECT s.product_id, s.location_id FROM stock_levels s
			 LEFT JOIN (SELECT product_id, location_id, sum(on_hand_delta) AS on_hand,
			   sum(reserved_delta) AS reserved FROM stock_movements GROUP BY product_id, location_id) m
			 ON m.product_id = s.product_id AND m.location_id = s.location_id
			 WHERE s.on_hand != coalesce(m.on_hand, 0) OR s.reserved != coalesce(m.reserved, 0)`
		);
		const orphans = await all(
			`SELECT m.id FROM stock_movements m LEFT JOIN stock_levels s
			 ON s.product_id = m.product_id AND s.location_id = m.location_id WHERE s.product_id IS NULL`
		);
		expect(unexplained).toEqual([]);
		expect(orphans).toEqual([]);
	});

	it('reserves stock for open orders, never more than is on hand, with some out or low', async () => {
		const [row] = await all<Record<string, number>>(
			`SELECT sum(reserved > on_hand) AS over, sum(reserved > 0) AS reserved, sum(on_hand = 0) AS empty,
			   sum(on_hand < p.reorder_point) AS low, count(DISTINCT location_id) AS locations
			 FROM stock_levels s JOIN products p ON p.id = s.product_id`
		);
		expect(row).toMatchObject({ over: 0, locations: 2 });
		expect(row!.reserved).toBeGreaterThan(0);
		expect(row!.empty).toBeGreaterThan(0);
		expect(row!.low).toBeGreaterThan(0);
	});

	it("ties each open order's reservations to its lines, so cancelling one releases exactly them", async () => {
		// What an order holds is read from the ledger by its number at each line's location
		// (worker/features/orders/cancel-order.ts): every reservation must find its line.
		const [row] = await all<Record<string, number>>(
			`SELECT count(*) AS reservations, sum(NOT EXISTS (
				SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id
				WHERE o.number = m.reference AND l.product_id = m.product_id
				AND l.location_id = m.location_id)) AS unmatched
			 FROM stock_movements m WHERE m.kind = 'reservation'`
		);
		expect(row!.reservations).toBeGreaterThan(0);
		expect(row!.unmatched).toBe(0);
		const [paid] = await all<Record<string, number>>(
			`SELECT sum(status IN ('shipped', 'delivered') AND fulfilment_status <> 'fulfilled') AS unfulfilled,
			   sum(status = 'cancelled' AND payment_status <> 'unpaid') AS cancelledPaid,
			   sum(subtotal_minor <> total_minor) AS subtotals
			 FROM orders`
		);
		expect(paid).toMatchObject({ unfulfilled: 0, cancelledPaid: 0, subtotals: 0 });
	});

	it('keeps emails lower-case and UK phones in E.164', async () => {
		const rows = await all<{ email: string | null; phone: string | null; country: string }>(
			'SELECT email, phone, country FROM customers WHERE CAST(number AS INTEGER) < 19000'
		);
		expect(rows.filter((r) => r.email !== null && r.email !== r.email.toLowerCase())).toEqual([]);
		const uk = rows.filter((r) => r.country === 'United Kingdom');
		expect(uk.every((r) => /^\+447700\d{6}$/.test(r.phone ?? ''))).toBe(true);
	});

	it('includes near-duplicates that match a real customer by email, phone or name', async () => {
		const rows = await all<{
			number: string;
			name: string;
			email: string | null;
			phone: string | null;
		}>('SELECT number, name, email, phone FROM customers');
		const real = rows.filter((r) => Number(r.number) < 19000);
		const dups = rows.filter((r) => Number(r.number) >= 19000);
		const email = (e: string | null) => e?.replace(/\+[^@]*/, '');
		const digits = (p: string | null) => p?.replace(/\D/g, '').slice(-9);
		const name = (n: string) => n.toLowerCase().replace(/\s+/g, ' ');
		expect(dups).toHaveLength(NEAR_DUPLICATES);
		for (const dup of dups) {
			const twin = real.find(
				(r) =>
					(dup.email && email(r.email) === email(dup.email)) ||
					(dup.phone && digits(r.phone) === digits(dup.phone)) ||
					name(r.name) === name(dup.name)
			);
			expect(twin, `near-duplicate ${dup.number}`).toBeDefined();
			expect(twin).not.toEqual(dup);
		}
	});

	it('opens with the near-duplicates already in the review queue, nothing left to compare', async () => {
		const [queued] = await all<{ n: number }>('SELECT count(*) AS n FROM customer_duplicate_queue');
		expect(queued!.n).toBe(0);
		const pairs = await all<{ a: string; b: string }>(
			"SELECT n1.number AS a, n2.number AS b FROM customer_duplicates d JOIN customers n1 ON n1.id = d.customer_a JOIN customers n2 ON n2.id = d.customer_b WHERE d.status = 'open'"
		);
		expect(pairs.length).toBeGreaterThan(0);
		// Most deliberate near-duplicates are proposed with the customer they copy.
		const flagged = new Set(pairs.flatMap((p) => [p.a, p.b]).filter((n) => Number(n) >= 19000));
		expect(flagged.size).toBeGreaterThanOrEqual(NEAR_DUPLICATES * 0.5);
	});

	it('creates one demo account per role whose password verifies', async () => {
		const rows = await all<{ email: string; role: string; password_hash: string }>(
			'SELECT email, role, password_hash FROM users'
		);
		expect(summary.users).toBe(4);
		for (const demo of DEMO_USERS) {
			const row = rows.find((r) => r.email === demo.email);
			expect(row?.role).toBe(demo.role);
			expect(await verifyPassword(row!.password_hash, demo.password)).toBe(true);
		}
	});

	it('refuses to seed a database that already has a shop, changing nothing', async () => {
		await expect(seed({ client: t.client, now: NOW, dataKey: TEST_DATA_KEY })).rejects.toThrow(
			SeedRefused
		);
		await expect(seed({ client: t.client, now: NOW, dataKey: TEST_DATA_KEY })).rejects.toThrow(
			/already has shop data/
		);
		const [row] = await all<{ n: number }>('SELECT count(*) AS n FROM orders');
		expect(row!.n).toBe(summary.orders);
	});

	it('builds the same shop on every run (seeded, no clock or random ids)', () => {
		const lines = readRetailCsv(CSV);
		expect(JSON.stringify(buildShop(lines))).toBe(JSON.stringify(buildShop(lines)));
	});
});

describe('seed: the data shipped in the repository', () => {
	it('is the documented December 2010 slice, byte for byte (sha256 in its README)', () => {
		const readme = readFileSync('data/online-retail/README.md', 'utf8');
		const documented = /`([0-9a-f]{64})`/.exec(readme)?.[1];
		const actual = createHash('sha256').update(csvBytes(BUNDLED_RETAIL_CSV)).digest('hex');
		expect(actual).toBe(documented);
	});

	it('carries its licence and attribution beside it', () => {
		const readme = readFileSync('data/online-retail/README.md', 'utf8');
		expect(readme).toMatch(/UCI Machine Learning Repository/);
		expect(readme).toMatch(/CC BY 4\.0/);
	});

	it('reads the compressed copy into every line of the CSV', () => {
		expect(readRetailCsv(BUNDLED_RETAIL_CSV)).toHaveLength(42_481);
	});
});
