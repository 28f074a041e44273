import type { InferResponseType } from 'hono/client';
import { client } from '../api';
import type { Permission } from '../auth/permission';
import { request } from '../request';
import { refreshOpenCounts } from './counts-open';
import { refreshExpectedReturns } from './returns-expected';
import {
	DATA_STORES,
	offlineGeneration,
	readByIndex,
	readOne,
	writeAll,
	type StoreName
} from './offline-store';

// Last-known data for the warehouse with no signal (issue 10): the catalogue with
// barcodes and the stock at this device's location, the pick list and the open count
// tasks there (counts-open.ts), and the products opened here. A snapshot in IndexedDB,
// not the service worker caching /api: the snapshot is the whole catalogue (a scan
// offline may name any product, not only one seen before), it is stamped with the
// server's time, it belongs to one person (cleared when someone else signs in, deleted
// at sign-out) and the page decides when a last-known figure is shown and says so.
// Product facts, stock counts, pick and count lines only: no customer, address, payment
// or movement history (references name orders).

type ProductDetail = InferResponseType<(typeof client.inventory.products)[':id']['$get'], 200>;
type CatalogueItem = InferResponseType<
	typeof client.inventory.catalogue.$get,
	200
>['items'][number];
export type PickListOrder = InferResponseType<
	(typeof client.fulfilment)['pick-list']['$get'],
	200
>['items'][number];
type Place = { id: string; code: string; name: string };

/** A last-known copy: what it is, and when the server read it. */
export type LastKnown<T> = { value: T; asOf: string };

type Snapshot = { name: 'snapshot'; userId: string; location: Place; asOf: string; count: number };
type PickSnapshot = { name: 'pick-list'; locationId: string; items: PickListOrder[]; asOf: string };
type SavedProduct = ProductDetail & { asOf: string };

// Kept by the products pages (home-location.svelte.ts) and the pick page (pick-list.svelte.ts).
const HOME_KEY = 'ordo.home-location';
const PICK_KEY = 'ordo.pick.location';
const PAGE = 2000;
const PICK_PAGE = 100;

function stored(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

/**
 * Fetches a fresh snapshot for this person (at sign-in, on reconnecting, and now and
 * then while they are active). Only what their role needs: the catalogue for stock
 * readers, the pick list for pickers, the open counts for those who count. Returns the
 * snapshot's size, or null if skipped.
 */
export async function refreshLastKnown({
	userId,
	can
}: {
	userId: string;
	can: (permission: Permission) => boolean;
}): Promise<{ products: number; orders: number; counts: number } | null> {
	// Warehouse work only: a rep's tablet is online, and keeps nothing.
	if (!can('fulfilment.work')) return null;
	// Signing out mid-refresh deletes the database: nothing read before may write after.
	const since = offlineGeneration();
	const locations = (await request(client.fulfilment.locations.$get())).items;
	const home = pick(locations, stored(HOME_KEY));
	if (!home) return null;
	const previous = await readOne<Snapshot>('lists', 'snapshot').catch(() => undefined);
	if (previous && previous.userId !== userId) await clearLastKnown();
	await writeAll('lists', [{ name: 'locations', items: locations }], { since });

	let products = 0;
	if (can('inventory.read')) {
		const items: CatalogueItem[] = [];
		let after: string | undefined;
		let asOf = '';
		do {
			const page = await request(
				client.inventory.catalogue.$get({
					query: { locationId: home.id, limit: String(PAGE), ...(after ? { after } : {}) }
				})
			);
			items.push(...page.items);
			asOf ||= page.asOf;
			after = page.nextCursor ?? undefined;
		} while (after);
		await writeAll('catalogue', items, { replace: true, since });
		const snapshot: Snapshot = {
			name: 'snapshot',
			userId,
			location: home,
			asOf,
			count: items.length
		};
		await writeAll('lists', [snapshot], { since });
		products = items.length;
	}

	const picking = pick(locations, stored(PICK_KEY)) ?? home;
	const asOf = new Date().toISOString();
	const page = await request(
		client.fulfilment['pick-list'].$get({
			query: { locationId: picking.id, limit: String(PICK_PAGE) }
		})
	);
	const picks: PickSnapshot = {
		name: 'pick-list',
		locationId: picking.id,
		items: page.items,
		asOf
	};
	await writeAll('lists', [picks], { since });
	if (can('returns.receive')) await refreshExpectedReturns();
	const counts = can('inventory.adjust') ? await refreshOpenCounts(home.id) : 0;
	return { products, orders: page.items.length, counts };
}

/** The chosen location, else the first by code (as the products pages choose). */
function pick(locations: Place[], id: string | null): Place | undefined {
	return locations.find((l) => l.id === id) ?? locations[0];
}

/** A product page read online: kept as it is, less its movements, for offline. */
export async function rememberProduct(product: ProductDetail): Promise<void> {
	const saved: SavedProduct = {
		...product,
		movements: [],
		movementsNextCursor: null,
		asOf: new Date().toISOString()
	};
	await writeAll('products', [saved]).catch(() => undefined);
}

/**
 * The product as last known here: the page as last opened, else built from the
 * catalogue snapshot (this location's stock only), whichever is newer.
 */
export async function lastKnownProduct(id: string): Promise<LastKnown<ProductDetail> | null> {
	const [saved, item, snapshot] = await Promise.all([
		readOne<SavedProduct>('products', id),
		readOne<CatalogueItem>('catalogue', id),
		readOne<Snapshot>('lists', 'snapshot')
	]).catch(() => [undefined, undefined, undefined] as const);
	const fromCatalogue = item && snapshot ? fromSnapshot(item, snapshot) : null;
	if (saved && (!fromCatalogue || saved.asOf >= fromCatalogue.asOf)) {
		const { asOf, ...value } = saved;
		return { value, asOf };
	}
	return fromCatalogue;
}

function fromSnapshot(item: CatalogueItem, snapshot: Snapshot): LastKnown<ProductDetail> {
	const { bin: _bin, reserved, status, onHand, available, ...facts } = item;
	const { id: locationId, code, name } = snapshot.location;
	// In transit is not in the snapshot: offline the page shows none rather than a guess.
	const level = { locationId, code, name, onHand, reserved, available, inTransit: 0, status };
	return {
		value: {
			...facts,
			onHand,
			available,
			inTransit: 0,
			stock: [level],
			movements: [],
			movementsNextCursor: null
		},
		asOf: snapshot.asOf
	};
}

/** For a scan offline: the product with this barcode or SKU in the snapshot. */
export async function lastKnownByCode(code: string): Promise<LastKnown<ProductDetail> | null> {
	const [item, snapshot] = await Promise.all([
		readByIndex<CatalogueItem>('catalogue', 'barcode', code).then(
			(hit) => hit ?? readByIndex<CatalogueItem>('catalogue', 'sku', code.toUpperCase())
		),
		readOne<Snapshot>('lists', 'snapshot')
	]).catch(() => [undefined, undefined] as const);
	return item && snapshot ? fromSnapshot(item, snapshot) : null;
}

export async function lastKnownPickList(
	locationId: string
): Promise<LastKnown<PickListOrder[]> | null> {
	const saved = await readOne<PickSnapshot>('lists', 'pick-list').catch(() => undefined);
	return saved && saved.locationId === locationId ? { value: saved.items, asOf: saved.asOf } : null;
}

/** The locations a picker could choose from, as last read online. */
export async function lastKnownLocations(): Promise<Place[] | null> {
	const saved = await readOne<{ items: Place[] }>('lists', 'locations').catch(() => undefined);
	return saved?.items ?? null;
}

/** What the snapshot holds, for the account page. */
export async function snapshotSummary(): Promise<{
	userId: string;
	count: number;
	asOf: string;
	location: string;
} | null> {
	const snapshot = await readOne<Snapshot>('lists', 'snapshot').catch(() => undefined);
	if (!snapshot) return null;
	const { userId, count, asOf, location } = snapshot;
	return { userId, count, asOf, location: `${location.code} ${location.name}` };
}

/** Someone else signs in on this device: the previous person's copies go. */
export async function clearLastKnown(): Promise<void> {
	for (const store of DATA_STORES) await writeAll(store as StoreName, [], { replace: true });
}
