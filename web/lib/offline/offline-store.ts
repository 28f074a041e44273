// This module's own IndexedDB database. The outbox keeps its own (web/lib/sync): this
// one holds only what can be fetched again or derived again, so it can be deleted
// whole at sign-out without touching queued work.
const NAME = 'ordo-offline';
const VERSION = 1;

export type StoreName = 'verifiers' | 'catalogue' | 'products' | 'lists';
export const DATA_STORES: StoreName[] = ['catalogue', 'products', 'lists'];

let opening: Promise<IDBDatabase> | null = null;
// Bumped when the database is deleted (sign-out): a refresh begun before it must not write
// afterwards, which would create the database again with the signed-out person's data.
let generation = 0;

/** Which life of the database this is; hand it to writeAll() from work that may outlive it. */
export function offlineGeneration(): number {
	return generation;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

export function openOfflineDb(): Promise<IDBDatabase> {
	opening ??= new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(NAME, VERSION);
		request.onupgradeneeded = () => {
			const db = request.result;
			db.createObjectStore('verifiers', { keyPath: 'userId' });
			const catalogue = db.createObjectStore('catalogue', { keyPath: 'id' });
			catalogue.createIndex('barcode', 'barcode');
			catalogue.createIndex('sku', 'sku');
			db.createObjectStore('products', { keyPath: 'id' });
			db.createObjectStore('lists', { keyPath: 'name' });
		};
		request.onsuccess = () => {
			const db = request.result;
			// Another tab deleting the database (sign-out) must not wait on this one.
			db.onversionchange = () => {
				db.close();
				opening = null;
			};
			resolve(db);
		};
		request.onerror = () => {
			opening = null;
			reject(request.error);
		};
	});
	return opening;
}

export async function readOne<T>(store: StoreName, key: IDBValidKey): Promise<T | undefined> {
	const db = await openOfflineDb();
	return done(db.transaction(store).objectStore(store).get(key)) as Promise<T | undefined>;
}

export async function readByIndex<T>(
	store: StoreName,
	index: string,
	key: IDBValidKey
): Promise<T | undefined> {
	const db = await openOfflineDb();
	return done(db.transaction(store).objectStore(store).index(index).get(key)) as Promise<
		T | undefined
	>;
}

export async function readAll<T>(store: StoreName): Promise<T[]> {
	const db = await openOfflineDb();
	return done(db.transaction(store).objectStore(store).getAll()) as Promise<T[]>;
}

/**
 * Puts every value in one transaction: all land, or none. With `since` (offlineGeneration()
 * when the work began), nothing is written once the database has been deleted since.
 */
export async function writeAll(
	store: StoreName,
	values: unknown[],
	{ replace = false, since }: { replace?: boolean; since?: number } = {}
) {
	if (since !== undefined && since !== generation) return;
	const db = await openOfflineDb();
	if (since !== undefined && since !== generation) return;
	const tx = db.transaction(store, 'readwrite');
	const os = tx.objectStore(store);
	if (replace) os.clear();
	for (const value of values) os.put(value);
	await new Promise<void>((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error);
	});
}

export async function removeOne(store: StoreName, key: IDBValidKey): Promise<void> {
	const db = await openOfflineDb();
	await done(db.transaction(store, 'readwrite').objectStore(store).delete(key));
}

/** Deletes the whole database: the verifiers and every last-known copy. */
export async function deleteOfflineDb(): Promise<void> {
	generation += 1;
	const db = await opening?.catch(() => null);
	db?.close();
	opening = null;
	await new Promise<void>((resolve, reject) => {
		const request = indexedDB.deleteDatabase(NAME);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
		// Another tab still has it open: it closes on versionchange, then this succeeds.
		request.onblocked = () => undefined;
	});
}
