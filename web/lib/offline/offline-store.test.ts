import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteOfflineDb, offlineGeneration, readOne, writeAll } from './offline-store';

const exists = async () =>
	(await indexedDB.databases()).some((database) => database.name === 'ordo-offline');

describe('offline store across a sign-out', () => {
	it('writes what work begun in this life of the database brings', async () => {
		const since = offlineGeneration();
		await writeAll('lists', [{ name: 'counts-open', items: [] }], { since });
		expect(await readOne('lists', 'counts-open')).toEqual({ name: 'counts-open', items: [] });
	});

	it('drops a write from work begun before the database was deleted, and does not recreate it', async () => {
		await writeAll('lists', [{ name: 'pick-list', items: [] }]);
		const since = offlineGeneration();
		await deleteOfflineDb();
		expect(await exists()).toBe(false);
		await writeAll('lists', [{ name: 'counts-open', items: ['left over'] }], { since });
		expect(await exists()).toBe(false);
	});
});
