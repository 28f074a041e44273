import type { Client } from '@libsql/client';
import { searchCustomers } from '../worker/features/customers/search-customers';
import { seededRandom } from './random';
import { defineScenario } from './scenario';

export type CustomerSearchKind =
	| 'name'
	| 'full-name'
	| 'name-typo'
	| 'email'
	| 'phone-national'
	| 'phone-e164'
	| 'postcode'
	| 'order'
	| 'external-id';
export type CustomerQuery = { kind: CustomerSearchKind; q: string };

const KINDS: CustomerSearchKind[] = [
	'name',
	'full-name',
	'name-typo',
	'email',
	'phone-national',
	'phone-e164',
	'postcode',
	'order',
	'external-id'
];
const INPUTS = 450;

type Sampled = {
	name: string;
	family: string;
	email: string | null;
	phone: string | null;
	national: string | null;
	postcode: string | null;
	order: string | null;
	external: string | null;
};

/** Swaps two inner letters: "Hopper" → "Hopepr", the slip a rep makes typing fast. */
const typo = (w: string) => (w.length < 5 ? w : w.slice(0, 2) + w[3] + w[2] + w.slice(4));

/** What a rep types for a customer, drawn from a real row: the kinds take turns. */
export function queryFor(c: Sampled, k: number): CustomerQuery {
	const kind = KINDS[k % KINDS.length]!;
	const fallback: CustomerQuery = { kind: 'name', q: c.family };
	switch (kind) {
		case 'name':
			return fallback;
		case 'full-name':
			return { kind, q: c.name };
		case 'name-typo':
			return c.family.length >= 5 ? { kind, q: typo(c.family) } : fallback;
		case 'email':
			return c.email ? { kind, q: c.email } : fallback;
		case 'phone-national':
			return c.national
				? { kind, q: `0${c.national.slice(0, 4)} ${c.national.slice(4)}` }
				: fallback;
		case 'phone-e164':
			return c.phone
				? { kind, q: `${c.phone.slice(0, 3)} ${c.phone.slice(3, 7)} ${c.phone.slice(7)}` }
				: fallback;
		case 'postcode':
			return c.postcode ? { kind, q: c.postcode } : fallback;
		case 'order':
			return c.order ? { kind, q: c.order } : fallback;
		case 'external-id':
			return c.external ? { kind, q: c.external } : fallback;
	}
}

async function sampleCustomers(client: Client, n: number): Promise<Sampled[]> {
	const { rows } = await client.execute('SELECT max(seq) AS top FROM customers');
	const top = Number(rows[0]?.top ?? 0);
	const next = seededRandom(7);
	const seqs = Array.from({ length: n }, () => 1 + Math.floor(next() * top));
	const found = await client.execute({
		sql: `SELECT c.seq, c.name, coalesce(c.family_name, c.name) AS family, c.email, c.phone,
				(SELECT national FROM customer_phones WHERE customer_id = c.id AND is_primary = 1) AS national,
				(SELECT postal_code FROM customer_addresses WHERE customer_id = c.id LIMIT 1) AS postcode,
				(SELECT number FROM orders WHERE customer_id = c.id LIMIT 1) AS "order",
				(SELECT value FROM customer_external_ids WHERE customer_id = c.id LIMIT 1) AS external
			FROM customers c WHERE c.seq IN (${seqs.map(() => '?').join(', ')}) AND c.merged_into IS NULL`,
		args: seqs
	});
	const bySeq = new Map(found.rows.map((r) => [Number(r.seq), r]));
	const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
	return seqs.flatMap((seq) => {
		const r = bySeq.get(seq);
		if (!r) return [];
		return [
			{
				name: String(r.name),
				family: String(r.family),
				email: text(r.email),
				phone: text(r.phone),
				national: text(r.national),
				postcode: text(r.postcode),
				order: text(r.order),
				external: text(r.external)
			}
		];
	});
}

/** Order numbers live on the demo shop's customers: a share of inputs draws from those. */
async function sampleWithOrders(client: Client, n: number): Promise<Sampled[]> {
	const { rows } = await client.execute(
		`SELECT c.name, coalesce(c.family_name, c.name) AS family, o.number AS "order"
			FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.number LIMIT ${n}`
	);
	return rows.map((r) => ({
		name: String(r.name),
		family: String(r.family),
		email: null,
		phone: null,
		national: null,
		postcode: null,
		order: String(r.order),
		external: null
	}));
}

export const customerSearch = defineScenario<CustomerQuery>({
	name: 'customer search',
	measures:
		'GET /api/customers?q= over names (whole, part, with a typo), emails, phones typed two ways, postcodes, order numbers, external ids',
	concurrency: 8,
	inputs: async (client) => {
		const people = await sampleCustomers(client, INPUTS);
		const withOrders = await sampleWithOrders(client, 50);
		return people.map((c, k) => {
			const kind = KINDS[k % KINDS.length]!;
			return kind === 'order'
				? queryFor(withOrders[k % withOrders.length] ?? c, k)
				: queryFor(c, k);
		});
	},
	label: (s) => s.kind,
	http: ({ input, get }) => get(`/api/customers?q=${encodeURIComponent(input.q)}`),
	ceiling: ({ input, ctx }) => searchCustomers({ ctx, input: { q: input.q } })
});
