// Order search at any breadth (bench/README.md has the figures at 1M orders): a search that
// matches many customers or many order lines walks the newest orders, a narrow one reads
// its index, and a broad one whose matches are all old falls back to the index. Each must
// give exactly what the plain query gives: the newest matches, paged without repeats or gaps.
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocation, createProduct } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
let locationId: string;
let productId: string;

// `count` customers named `${name} <n>`, each with `each` orders, placed from `at` onwards
// `step` ms apart (interleaved with other batches by choosing `at`), one line of `sku` each.
async function ordersFor(
	prefix: string,
	{
		name,
		count,
		each,
		at,
		step,
		sku
	}: { name: string; count: number; each: number; at: number; step: number; sku: string }
) {
	await t.client.batch(
		[
			{
				sql: `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
					INSERT INTO customers (id, number, name, email, created_at, updated_at)
					SELECT ? || '-c-' || n, ? || '-' || n, ? || ' ' || n, NULL, 0, 0 FROM seq`,
				args: [BigInt(count), prefix, prefix, name]
			},
			{
				sql: `WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ? - 1)
					INSERT INTO orders (id, number, customer_id, status, channel, currency, total_minor,
						placed_at, created_at, updated_at)
					SELECT ? || '-o-' || n, ? || '-' || n, ? || '-c-' || (n % ? + 1), 'paid', 'web', 'GBP',
						500, ? + n * ?, 0, 0 FROM seq`,
				// Whole numbers as BigInt: a JS number is bound as REAL ('ann-c-5.0').
				args: [
					BigInt(count * each),
					prefix,
					`${prefix}-N`,
					prefix,
					BigInt(count),
					BigInt(at),
					BigInt(step)
				]
			},
			{
				sql: `INSERT INTO order_lines (order_id, line, product_id, location_id, sku, name, quantity,
						unit_price_minor, net_minor)
					SELECT id, 1, ?, ?, ?, 'x', 1, 500, 500 FROM orders WHERE id LIKE ? || '-o-%'`,
				args: [productId, locationId, sku, prefix]
			}
		],
		'write'
	);
}

beforeAll(async () => {
	t = await createTestApi();
	warehouse = await t.signIn('warehouse');
	locationId = (await createLocation(t.db)).id;
	productId = (await createProduct(t.db)).id;
	const day = 86_400_000;
	// 3,000 recent orders: 1 in 10 for one of 300 "Barbara"s, the rest for 300 "Ann"s, SKU
	// WIDE on 6,000 lines in all. Old orders (a year before) for 250 "Old"s, SKU OLD.
	await ordersFor('ann', { name: 'Ann', count: 300, each: 9, at: 2 * day, step: 10, sku: 'WIDE' });
	await ordersFor('bar', {
		name: 'Barbara',
		count: 300,
		each: 1,
		at: 2 * day + 5,
		step: 90,
		sku: 'WIDE'
	});
	await ordersFor('old', { name: 'Old', count: 250, each: 2, at: day, step: 7, sku: 'OLD' });
	await ordersFor('wid', { name: 'Wide', count: 10, each: 300, at: day / 2, step: 3, sku: 'WIDE' });
}, 60_000);

const list = async (query: string) => {
	const res = await t.request(`/api/orders?${query}`, { session: warehouse });
	expect(res.status, await res.clone().text()).toBe(200);
	return (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
};

/** Every page of a search, following nextCursor. */
async function allPages(query: string): Promise<string[]> {
	const seen: string[] = [];
	let cursor: string | null = null;
	do {
		const page = await list(
			`${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
		);
		seen.push(...page.items.map((o) => o.id));
		cursor = page.nextCursor;
	} while (cursor);
	return seen;
}

/** The plain query: what any plan must answer. */
async function expected(where: string, args: string[]): Promise<string[]> {
	const { rows } = await t.client.execute({
		sql: `SELECT o.id FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE ${where}
			ORDER BY o.placed_at DESC, o.id DESC`,
		args
	});
	return rows.map((r) => String(r.id));
}

describe('order search, broad and narrow', () => {
	it.each([
		['a broad name (the walk fills the page)', 'q=barbara', "c.name LIKE 'barbara%'"],
		['a narrow name (the index)', 'q=Barbara%2017', "c.name LIKE 'barbara 17%'"],
		['a broad name whose orders are all old (the walk falls back)', 'q=Old', "c.name LIKE 'old%'"],
		[
			'a broad SKU (the walk)',
			'sku=wide',
			`EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.sku = 'WIDE')`
		],
		[
			'a SKU on old orders only',
			'sku=OLD',
			`EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.sku = 'OLD')`
		],
		[
			'a broad name within a status and dates',
			'q=Ann&status=paid&from=1970-01-03&to=1970-01-03',
			"c.name LIKE 'ann%' AND o.status = 'paid' AND o.placed_at >= 172800000 AND o.placed_at < 259200000"
		]
	])('%s: the newest matches first, every page, nothing twice', async (_, query, where) => {
		const want = await expected(where, []);
		expect(want.length).toBeGreaterThan(0);
		const first = await list(`${query}&limit=25`);
		expect(first.items.map((o) => o.id)).toEqual(want.slice(0, 25));
		expect(await allPages(query)).toEqual(want);
	});
});
