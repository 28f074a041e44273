import type { Client } from '@libsql/client';
import { getOrder } from '../worker/features/orders/get-order';
import { listOrders } from '../worker/features/orders/list-orders';
import type { ListOrders } from '../worker/features/orders/schemas';
import { defineScenario } from './scenario';

export type OrderSearchKind =
	'number' | 'name' | 'email' | 'phone' | 'status' | 'dates' | 'sku' | 'next page';
export type OrderSearch = { kind: OrderSearchKind; query: Record<string, string> };

const SAMPLES = 50;
const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Sampled = {
	number: string;
	name: string;
	email: string | null;
	phone: string | null;
	status: string;
	placedAt: number;
	sku: string;
};

/** Orders spread evenly over the table (by rowid), each with its customer and first line. */
async function sampleOrders(client: Client): Promise<Sampled[]> {
	const total = Number((await client.execute('SELECT max(rowid) FROM orders')).rows[0]![0]);
	const step = Math.max(1, Math.floor(total / SAMPLES));
	const rows = await client.execute({
		sql: `SELECT o.number, c.name, c.email, c.phone, o.status, o.placed_at AS placedAt,
				(SELECT sku FROM order_lines l WHERE l.order_id = o.id AND l.kind = 'product'
					ORDER BY line LIMIT 1) AS sku
			FROM orders o JOIN customers c ON c.id = o.customer_id
			WHERE o.rowid IN (SELECT value * ? FROM json_each(?))`,
		args: [step, JSON.stringify(Array.from({ length: SAMPLES }, (_, i) => i + 1))]
	});
	return rows.rows.map((r) => ({
		number: String(r.number),
		name: String(r.name),
		email: r.email === null ? null : String(r.email),
		phone: r.phone === null ? null : String(r.phone),
		status: String(r.status),
		placedAt: Number(r.placedAt),
		sku: String(r.sku)
	}));
}

/** What people look orders up by, drawn from a real order, as the orders screen sends it. */
async function orderSearches(client: Client): Promise<OrderSearch[]> {
	const sampled = (await sampleOrders(client)).filter((s) => s.sku !== 'null');
	const searches: OrderSearch[] = [];
	for (const [k, s] of sampled.entries()) {
		searches.push({ kind: 'number', query: { q: k % 2 ? s.number : s.number.slice(4) } });
		// A whole name, a first name with the start of the last, or a first name alone (the
		// broadest: one first name in thirty).
		const [first, last = ''] = s.name.split(' ');
		const name = [s.name, `${first} ${last.slice(0, 2)}`, first!][k % 3]!;
		searches.push({ kind: 'name', query: { q: name } });
		if (s.email) searches.push({ kind: 'email', query: { q: s.email } });
		if (s.phone) searches.push({ kind: 'phone', query: { q: s.phone } });
		searches.push({ kind: 'status', query: { status: s.status } });
		const from = s.placedAt - (k % 7) * DAY_MS;
		searches.push({
			kind: 'dates',
			query: { from: day(from), to: day(from + (k % 3 === 0 ? 30 : 6) * DAY_MS) }
		});
		searches.push({ kind: 'sku', query: { sku: s.sku } });
	}
	// Keyset paging: the page after one a person has read, from a real cursor (1st–20th page).
	for (const [k, s] of sampled.slice(0, 20).entries()) {
		const filter: Record<string, string> = k % 2 ? { status: s.status } : {};
		const cursor = await client.execute({
			sql: `SELECT placed_at || '~' || id AS cursor FROM orders
				${k % 2 ? 'WHERE status = ?' : ''} ORDER BY placed_at DESC, id DESC LIMIT 1 OFFSET ?`,
			args: k % 2 ? [s.status, 25 * (k + 1) - 1] : [25 * (k + 1) - 1]
		});
		const c = cursor.rows[0]?.cursor;
		if (c) searches.push({ kind: 'next page', query: { ...filter, cursor: String(c) } });
	}
	return searches;
}

export const orderSearch = defineScenario<OrderSearch>({
	name: 'order search',
	measures:
		'GET /api/orders by number, customer name, email, phone, status, dates, SKU, and the next page',
	concurrency: 8,
	// A broad name or SKU walks at most 2,000 of the newest orders (list-orders.ts WALK).
	boundedScans: ['orders_placed'],
	inputs: orderSearches,
	label: (s) => s.kind,
	http: ({ input, get }) => get(`/api/orders?${new URLSearchParams(input.query)}`),
	ceiling: ({ input, ctx }) =>
		listOrders({ ctx, input: { limit: 25, ...input.query } as unknown as ListOrders })
});

export const orderDetail = defineScenario<string>({
	name: 'order detail',
	measures: 'GET /api/orders/:id: the order with its lines, payments, shipments and timeline',
	concurrency: 8,
	inputs: async (client) => {
		const total = Number((await client.execute('SELECT max(rowid) FROM orders')).rows[0]![0]);
		const step = Math.max(1, Math.floor(total / 200));
		const rows = await client.execute({
			sql: 'SELECT id FROM orders WHERE rowid IN (SELECT value * ? FROM json_each(?))',
			args: [step, JSON.stringify(Array.from({ length: 200 }, (_, i) => i + 1))]
		});
		return rows.rows.map((r) => String(r.id));
	},
	http: ({ input, get }) => get(`/api/orders/${encodeURIComponent(input)}`),
	ceiling: ({ input, ctx }) => getOrder({ ctx, id: input })
});
