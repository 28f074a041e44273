import type { Client } from '@libsql/client';

const FIRST = [
	'James',
	'Mary',
	'John',
	'Patricia',
	'Robert',
	'Jennifer',
	'Michael',
	'Linda',
	'David',
	'Elizabeth',
	'William',
	'Barbara',
	'Richard',
	'Susan',
	'Joseph',
	'Jessica',
	'Thomas',
	'Sarah',
	'Charles',
	'Karen',
	'Amelia',
	'Oliver',
	'Isla',
	'Harry',
	'Ava',
	'George',
	'Mia',
	'Noah',
	'Freya',
	'Leo'
];
const LAST = [
	'Smith',
	'Jones',
	'Taylor',
	'Brown',
	'Williams',
	'Wilson',
	'Johnson',
	'Davies',
	'Robinson',
	'Wright',
	'Thompson',
	'Evans',
	'Walker',
	'White',
	'Roberts',
	'Green',
	'Hall',
	'Wood',
	'Jackson',
	'Clarke',
	'Patel',
	'Khan',
	'Lewis',
	'James',
	'Phillips',
	'Mason',
	'Mitchell',
	'Rose',
	'Davis',
	'Rodriguez',
	'Cox',
	'Alexander',
	'Garcia',
	'Ward',
	'Murphy',
	'Price',
	'Bennett',
	'Gray',
	'Hughes',
	'Edwards'
];
const STATUSES = [
	'delivered',
	'shipped',
	'cancelled',
	'paid',
	'pending_payment',
	'allocated',
	'packed',
	'picking',
	'on_hold'
];
const YEAR_MS = 365 * 86_400_000;

const list = (values: string[]) => `json_array(${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * `orders` orders written with bulk SQL (not through the API: a million placements would
 * take hours), for the order search at scale: `orders / 10` invented customers
 * (`BC-0000001`, names from common first and last names, so a name prefix matches many),
 * orders spread over two years up to `now` with the lifecycle's statuses (mostly delivered),
 * one to three lines each over 2,000 of the catalogue's products. The order-number counter
 * is moved past them, so orders placed afterwards carry on from there.
 */
export async function seedOrders(
	client: Client,
	{ orders, now }: { orders: number; now: number }
): Promise<{ orders: number; customers: number; lines: number }> {
	const customers = Math.max(1, Math.floor(orders / 10));
	const span = 2 * YEAR_MS;
	const location = (await client.execute('SELECT id FROM locations ORDER BY code LIMIT 1')).rows[0];
	if (!location) throw new Error('seed the shop before its orders: no location');
	const start = Number(
		(await client.execute(`SELECT value FROM counters WHERE name = 'order_number'`)).rows[0]![0]
	);
	await client.executeMultiple(`
		DROP TABLE IF EXISTS temp.bench_products;
		CREATE TEMP TABLE bench_products AS
			SELECT row_number() OVER (ORDER BY sku) AS k, id, sku, name, price_minor
			FROM (SELECT id, sku, name, price_minor FROM products WHERE active = 1 ORDER BY sku LIMIT 2000);
	`);
	const products = Number(
		(await client.execute('SELECT count(*) FROM temp.bench_products')).rows[0]![0]
	);
	await client.batch(
		[
			{
				sql: `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
					INSERT INTO customers (id, number, name, email, phone, country, created_at, updated_at)
					SELECT printf('bench-customer-%07d', n), printf('BC-%07d', n), first || ' ' || last,
						lower(first || '.' || last || '.' || n || '@example.com'), printf('+4477%08d', n),
						'United Kingdom', ?, ?
					FROM (SELECT n, ${list(FIRST)} ->> (n % ${FIRST.length}) AS first,
						${list(LAST)} ->> ((n / ${FIRST.length}) % ${LAST.length}) AS last FROM seq)`,
				args: [customers, now - span, now - span].map(BigInt)
			},
			{
				sql: `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
					INSERT INTO orders (id, number, customer_id, status, held_from, channel, payment_status,
						fulfilment_status, currency, subtotal_minor, total_minor, placed_by_kind, placed_at,
						created_at, updated_at)
					SELECT printf('bench-order-%08d', n), 'ORD-' || (? + n),
						printf('bench-customer-%07d', (n * 7919) % ? + 1), status,
						CASE WHEN status = 'on_hold' THEN 'paid' END,
						${list(['web', 'phone', 'import'])} ->> (n % 3),
						CASE WHEN status IN ('pending_payment', 'cancelled') THEN 'unpaid' ELSE 'paid' END,
						CASE WHEN status IN ('shipped', 'delivered') THEN 'fulfilled' ELSE 'unfulfilled' END,
						'GBP', 0, 0, 'system', placed_at, placed_at, placed_at
					FROM (SELECT n, ? - (? - n) * ? / ? AS placed_at,
						CASE WHEN (n * 37) % 100 < 60 THEN 'delivered'
							ELSE ${list(STATUSES)} ->> ((n * 37) % ${STATUSES.length}) END AS status
						FROM seq)`,
				// Whole numbers go as BigInt: a JS number reaches SQLite as REAL ('ORD-10001.0').
				args: [orders, BigInt(start), customers, now, orders, span, orders].map(BigInt)
			},
			{
				sql: `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?),
					lines(n, line) AS (SELECT n, 1 FROM seq UNION ALL SELECT n, 2 FROM seq WHERE n % 3 > 0
						UNION ALL SELECT n, 3 FROM seq WHERE n % 3 = 2)
					INSERT INTO order_lines (order_id, line, kind, product_id, location_id, sku, name,
						quantity, unit_price_minor, net_minor, quantity_shipped)
					SELECT printf('bench-order-%08d', l.n), l.line, 'product', p.id, ?, p.sku, p.name,
						1 + (l.n + l.line) % 3, p.price_minor, (1 + (l.n + l.line) % 3) * p.price_minor, 0
					FROM lines l JOIN temp.bench_products p ON p.k = (l.n * 13 + l.line * 101) % ? + 1`,
				args: [BigInt(orders), String(location.id), BigInt(products)]
			},
			`UPDATE orders SET subtotal_minor = t.s, total_minor = t.s
				FROM (SELECT order_id, SUM(net_minor) AS s FROM order_lines
					WHERE order_id LIKE 'bench-order-%' GROUP BY order_id) t
				WHERE orders.id = t.order_id`,
			{
				sql: `UPDATE counters SET value = ? WHERE name = 'order_number'`,
				args: [BigInt(start + orders)]
			},
			// No ANALYZE: the plans measured must be the ones a shop's file (never analysed) gets.
			'DROP TABLE temp.bench_products'
		],
		'write'
	);
	const lines = Number(
		(await client.execute(`SELECT count(*) FROM order_lines WHERE order_id LIKE 'bench-order-%'`))
			.rows[0]![0]
	);
	return { orders, customers, lines };
}
