import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockLevels, stockMovements } from '../../db/schema/inventory';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
let support: Session;
let heart: Awaited<ReturnType<typeof createProduct>>;
let main: Awaited<ReturnType<typeof createLocation>>;
let shop: Awaited<ReturnType<typeof createLocation>>;

beforeAll(async () => {
	t = await createTestApi();
	main = await createLocation(t.db, { code: 'MAIN', name: 'Main warehouse' });
	shop = await createLocation(t.db, { code: 'SHOP', name: 'High Street shop' });
	heart = await createProduct(t.db, {
		sku: '85123A',
		barcode: '5012345678900',
		name: 'WHITE HANGING HEART T-LIGHT HOLDER'
	});
	await createProduct(t.db, { sku: '85123B', name: 'RED HANGING HEART T-LIGHT HOLDER' });
	await createProduct(t.db, { sku: '71053', name: 'WHITE METAL LANTERN' });
	await receiveStock(t.db, { productId: heart.id, locationId: main.id, onHand: 40, reserved: 6 });
	await receiveStock(t.db, { productId: heart.id, locationId: shop.id, onHand: 3 });
	warehouse = await t.signIn('warehouse');
	support = await t.signIn('support');
});

const search = (q: string, session = warehouse) =>
	t.request(`/api/inventory/products?q=${encodeURIComponent(q)}`, { session });

describe('product search (happy)', () => {
	it('finds by exact SKU first, case-insensitively', async () => {
		const res = await search('85123a');
		expect(res.status).toBe(200);
		const { items } = await res.json();
		expect(items[0]).toMatchObject({ sku: '85123A', onHand: 43, available: 37 });
	});

	it('finds every SKU that starts with what was typed', async () => {
		const { items } = await (await search('8512')).json();
		// Equal sales, so by name: RED … before WHITE …
		expect(items.map((i: { sku: string }) => i.sku)).toEqual(['85123B', '85123A']);
	});

	it('finds by barcode', async () => {
		const { items } = await (await search('5012345678900')).json();
		expect(items).toHaveLength(1);
		expect(items[0].name).toBe('WHITE HANGING HEART T-LIGHT HOLDER');
	});

	it('finds by words anywhere in the name', async () => {
		const { items } = await (await search('hanging heart')).json();
		expect(items.map((i: { sku: string }) => i.sku).sort()).toEqual(['85123A', '85123B']);
	});

	it('puts the best seller first among name matches', async () => {
		await createProduct(t.db, { sku: 'ZZ1', name: 'AAA HEART BUNTING', unitsSold: 2 });
		await createProduct(t.db, { sku: 'ZZ2', name: 'ZEBRA HEART MUG', unitsSold: 900 });
		const { items } = await (await search('heart')).json();
		const skus = items.map((i: { sku: string }) => i.sku);
		expect(skus[0]).toBe('ZZ2');
		expect(skus.indexOf('ZZ1')).toBeGreaterThan(0);
	});

	it('finds by a short SKU prefix', async () => {
		const { items } = await (await search('71')).json();
		expect(items.map((i: { sku: string }) => i.sku)).toEqual(['71053']);
	});

	it('treats search syntax as plain text', async () => {
		const res = await search('"heart" OR *');
		expect(res.status).toBe(200);
	});

	it('answers in one database round trip after the session check', async () => {
		expect(roundTrips(await search('heart')).domain).toBe(1);
	});
});

describe('product detail', () => {
	it('shows stock per location including locations with none', async () => {
		const res = await t.request(`/api/inventory/products/${heart.id}`, { session: support });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.stock).toEqual([
			expect.objectContaining({ code: 'MAIN', onHand: 40, reserved: 6, available: 34 }),
			expect.objectContaining({ code: 'SHOP', onHand: 3, reserved: 0, available: 3 })
		]);
		// MAIN's receipt and reservation (the ledger's own builders), SHOP's receipt.
		expect(body.movements).toHaveLength(3);
		expect(roundTrips(res).domain).toBe(1);
	});

	it('answers 404 problem for an unknown product', async () => {
		const res = await t.request('/api/inventory/products/nope', { session: support });
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toBe('application/problem+json');
		expect(await res.json()).toMatchObject({
			type: 'urn:ordo:problem:product-not-found',
			status: 404
		});
	});
});

describe('stock adjustment', () => {
	const adjust = (body: unknown, session = warehouse, headers: HeadersInit = {}) =>
		t.request('/api/inventory/adjustments', { method: 'POST', json: body, session, headers });

	it('moves the level and appends to the ledger in one round trip', async () => {
		const res = await adjust({
			productId: heart.id,
			locationId: shop.id,
			delta: 5,
			reason: 'found in back room'
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
		expect(roundTrips(res).domain).toBe(1);
		const ledger = await t.db
			.select()
			.from(stockMovements)
			.where(eq(stockMovements.productId, heart.id));
		expect(ledger.filter((m) => m.kind === 'adjustment')).toHaveLength(1);
	});

	it('takes stock away down to what is reserved', async () => {
		const res = await adjust({
			productId: heart.id,
			locationId: main.id,
			delta: -4,
			reason: 'damaged'
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ onHand: 36, reserved: 6, available: 30 });
		const undo = await adjust({
			productId: heart.id,
			locationId: main.id,
			delta: 4,
			reason: 'found'
		});
		expect(undo.status).toBe(201);
	});

	it('refuses to take away reserved stock and changes nothing', async () => {
		const before = await t.db.select().from(stockMovements);
		const res = await adjust({
			productId: heart.id,
			locationId: main.id,
			delta: -35,
			reason: 'damaged'
		});
		expect(res.status).toBe(409);
		expect(await res.json()).toMatchObject({ type: 'urn:ordo:problem:insufficient-stock' });
		const [level] = await t.db
			.select()
			.from(stockLevels)
			.where(eq(stockLevels.locationId, main.id));
		expect(level!.onHand).toBe(40);
		expect(await t.db.select().from(stockMovements)).toHaveLength(before.length);
	});

	it('names each invalid field', async () => {
		const res = await adjust({ productId: heart.id, locationId: '', delta: 1.5, reason: '' });
		expect(res.status).toBe(422);
		const body = await res.json();
		expect(Object.keys(body.errors).sort()).toEqual(['delta', 'locationId', 'reason']);
	});

	it('refuses a card number in the reason', async () => {
		const res = await adjust({
			productId: heart.id,
			locationId: shop.id,
			delta: 1,
			reason: 'paid with 4111 1111 1111 1111'
		});
		expect(res.status).toBe(422);
		expect((await res.json()).errors.reason[0]).toMatch(/card numbers/i);
	});

	it('refuses an unknown product without writing', async () => {
		const before = (await t.db.select().from(stockMovements)).length;
		const res = await adjust({ productId: 'missing', locationId: shop.id, delta: 1, reason: 'x' });
		expect(res.status).toBe(422);
		expect((await t.db.select().from(stockMovements)).length).toBe(before);
	});

	it('is refused to a role without inventory.adjust', async () => {
		const res = await adjust(
			{ productId: heart.id, locationId: shop.id, delta: 1, reason: 'x' },
			support
		);
		expect(res.status).toBe(403);
	});
});

type Item = {
	id: string;
	sku: string;
	name: string;
	lookalikes: number;
	stock: { code: string; onHand: number; available: number; status: string }[];
};
type Page = {
	items: Item[];
	nextCursor: string | null;
	resultsFor: string;
	didYouMean: string | null;
};
const find = async (q: string, extra = ''): Promise<Page> => {
	const res = await t.request(`/api/inventory/products?q=${encodeURIComponent(q)}${extra}`, {
		session: warehouse
	});
	expect(res.status).toBe(200);
	return res.json();
};
const skus = (page: Page) => page.items.map((i) => i.sku);

describe('product search: what each location has (issue 8)', () => {
	it('gives every location its own figures and badge, zero where none', async () => {
		const lamp = await createProduct(t.db, { sku: 'QL1', name: 'QUOKKA LAMP', reorderPoint: 5 });
		await receiveStock(t.db, { productId: lamp.id, locationId: main.id, onHand: 9, reserved: 4 });
		const { items } = await find('QL1');
		expect(items[0]!.stock).toEqual([
			{
				locationId: main.id,
				code: 'MAIN',
				name: 'Main warehouse',
				onHand: 9,
				available: 5,
				status: 'low'
			},
			{
				locationId: shop.id,
				code: 'SHOP',
				name: 'High Street shop',
				onHand: 0,
				available: 0,
				status: 'out'
			}
		]);
		expect(items[0]).toMatchObject({ onHand: 9, available: 5, reorderPoint: 5 });
	});

	it('marks a location ok above the reorder point', async () => {
		const { items } = await find('85123A');
		expect(items[0]!.stock.map((s) => [s.code, s.available, s.status])).toEqual([
			['MAIN', expect.any(Number), 'ok'],
			['SHOP', expect.any(Number), 'ok']
		]);
	});

	it('says how many other products share a name', async () => {
		await createProduct(t.db, { sku: 'TW1', name: 'TWIN OWL MUG', priceMinor: 450 });
		await createProduct(t.db, { sku: 'TW2', name: 'TWIN OWL MUG', priceMinor: 495 });
		const { items } = await find('twin owl');
		expect(items.map((i) => [i.sku, i.lookalikes]).sort()).toEqual([
			['TW1', 1],
			['TW2', 1]
		]);
		expect((await find('QL1')).items[0]!.lookalikes).toBe(0);
	});
});

describe('product search forgives (issue 8)', () => {
	it('finds "hangng heart" as hanging heart, and says so', async () => {
		const page = await find('hangng heart');
		expect(page.resultsFor).toBe('hanging heart');
		expect(skus(page).sort()).toEqual(['85123A', '85123B']);
	});

	it('finds "haert" as heart in two round trips', async () => {
		const res = await search('haert');
		const page: Page = await res.json();
		expect(page.resultsFor).toBe('heart');
		expect(skus(page)).toContain('85123A');
		expect(roundTrips(res).domain).toBe(2);
	});

	it('offers "did you mean" when the literal search finds only a little', async () => {
		await createProduct(t.db, { sku: 'CH1', name: 'CHART PAPER PAD' });
		const page = await find('hart');
		expect(skus(page)).toEqual(['CH1']);
		expect(page).toMatchObject({ resultsFor: 'hart', didYouMean: 'heart' });
	});

	it('offers nothing when nothing is near', async () => {
		const page = await find('xylophonic');
		expect(page).toMatchObject({ items: [], resultsFor: 'xylophonic', didYouMean: null });
	});

	it('finds products by the first digits of a barcode', async () => {
		expect(skus(await find('5012345'))).toEqual(['85123A']);
	});

	it('strips search operators instead of searching for them', async () => {
		const plain = skus(await find('heart'));
		expect(skus(await find('"heart'))).toEqual(plain);
		expect(skus(await find('heart*'))).toEqual(plain);
		expect(skus(await find('(heart) NOT ^heart:'))).toContain('85123A');
	});

	it('answers any operator soup with a 200, never a 5xx', async () => {
		for (const q of ['"', '*', '"""', 'NEAR(', ')(', '^', ':', '\\', "'", '--', '-', '%_', '{a}']) {
			const res = await search(q);
			expect(res.status, q).toBe(200);
		}
	});
});

describe('product search pages (issue 8)', () => {
	beforeAll(async () => {
		for (let i = 0; i < 45; i++)
			await createProduct(t.db, {
				sku: `PG${String(i).padStart(2, '0')}`,
				name: `PAGED BEESWAX CANDLE ${i % 7}`,
				unitsSold: i % 4
			});
	});

	it('reaches every match with the cursor, in order, none twice', async () => {
		const all = skus(await find('beeswax', '&limit=50'));
		expect(all).toHaveLength(45);
		const paged: string[] = [];
		let cursor: string | null = null;
		do {
			const page: Page = await find('beeswax', `&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
			paged.push(...skus(page));
			cursor = page.nextCursor;
		} while (cursor);
		expect(paged).toEqual(all);
		expect(new Set(paged).size).toBe(45);
	});

	it('ends with a null cursor on the last page', async () => {
		expect((await find('beeswax', '&limit=50')).nextCursor).toBeNull();
		expect((await find('beeswax', '&limit=44')).nextCursor).not.toBeNull();
	});

	it('refuses a made-up cursor with a 422 naming it', async () => {
		const res = await t.request('/api/inventory/products?q=beeswax&cursor=x%3B%20DROP', {
			session: warehouse
		});
		expect(res.status).toBe(422);
		expect(Object.keys((await res.json()).errors)).toEqual(['cursor']);
	});
});

describe('product movements (issue 8)', () => {
	let lamp: Awaited<ReturnType<typeof createProduct>>;
	const movements = (id: string, query = '') =>
		t.request(`/api/inventory/products/${id}/movements${query}`, { session: support });
	type MovementPage = { items: { id: string; kind: string }[]; nextCursor: string | null };

	beforeAll(async () => {
		lamp = await createProduct(t.db, { sku: 'MV1', name: 'MOVING LAMP' });
		// Twelve receipts, each with a reservation: receipts are buried without a filter.
		for (let i = 0; i < 12; i++)
			await receiveStock(t.db, { productId: lamp.id, locationId: main.id, onHand: 1, reserved: 1 });
	});

	it('pages every movement newest first with "show older", none twice', async () => {
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const res = await movements(lamp.id, `?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
			expect(res.status).toBe(200);
			expect(roundTrips(res).domain).toBe(1);
			const page: MovementPage = await res.json();
			seen.push(...page.items.map((m) => m.id));
			cursor = page.nextCursor;
		} while (cursor);
		const ledger = await t.db
			.select()
			.from(stockMovements)
			.where(eq(stockMovements.productId, lamp.id));
		const newestFirst = ledger
			.sort((a, b) => b.recordedAt - a.recordedAt || (a.id < b.id ? 1 : -1))
			.map((m) => m.id);
		expect(seen).toEqual(newestFirst);
		expect(seen).toHaveLength(24);
	});

	it('filters by kind', async () => {
		const page: MovementPage = await (await movements(lamp.id, '?kind=receipt&limit=50')).json();
		expect(page.items).toHaveLength(12);
		expect(new Set(page.items.map((m) => m.kind))).toEqual(new Set(['receipt']));
		expect(page.nextCursor).toBeNull();
	});

	it('the product page shows the newest 20 and a cursor to the rest', async () => {
		const detail = await (
			await t.request(`/api/inventory/products/${lamp.id}`, { session: support })
		).json();
		expect(detail.movements).toHaveLength(20);
		const rest: MovementPage = await (
			await movements(lamp.id, `?cursor=${detail.movementsNextCursor}`)
		).json();
		expect(rest.items).toHaveLength(4);
		expect(rest.nextCursor).toBeNull();
	});

	it('answers 404 for an unknown product and 422 for an unknown kind', async () => {
		expect((await movements('nope')).status).toBe(404);
		const res = await movements(lamp.id, '?kind=theft');
		expect(res.status).toBe(422);
		expect(Object.keys((await res.json()).errors)).toEqual(['kind']);
	});
});
