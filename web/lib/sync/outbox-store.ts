import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outbox-item';

// The page and the service worker open the same database, so this file uses nothing
// but IndexedDB (no DOM, no Svelte). A new app or service-worker version never
// deletes it: only an `upgrade` below may change it, and it only ever adds.
export const OUTBOX_DB = 'ordo-outbox';
const VERSION = 1;

/** The answer to an applied item, kept briefly so a screen waiting on it can read it. */
export type SentRecord = {
	key: string;
	status: number;
	body: unknown;
	label: string;
	userId: string;
	sentAt: number;
};

interface OutboxSchema extends DBSchema {
	items: { key: number; value: OutboxItem; indexes: { key: string } };
	sent: { key: string; value: SentRecord; indexes: { sentAt: number } };
}

export type OutboxDb = IDBPDatabase<OutboxSchema>;

// Applied answers older than this are forgotten (they are only for the screen that
// queued them, and the "sent" list).
const SENT_KEEP_MS = 60 * 60_000;

export function openOutbox(name = OUTBOX_DB): Promise<OutboxDb> {
	return openDB<OutboxSchema>(name, VERSION, {
		upgrade(db) {
			const items = db.createObjectStore('items', { keyPath: 'seq', autoIncrement: true });
			items.createIndex('key', 'key', { unique: true });
			db.createObjectStore('sent', { keyPath: 'key' }).createIndex('sentAt', 'sentAt');
		}
	});
}

/** The outbox as the drain and the screens use it. */
export class OutboxStore {
	constructor(readonly db: OutboxDb) {}

	static async open(name?: string): Promise<OutboxStore> {
		return new OutboxStore(await openOutbox(name));
	}

	async add(item: OutboxItem): Promise<OutboxItem> {
		const seq = await this.db.add('items', item);
		return { ...item, seq };
	}

	/** Every item, in queue order. */
	all(): Promise<OutboxItem[]> {
		return this.db.getAll('items');
	}

	byKey(key: string): Promise<OutboxItem | undefined> {
		return this.db.getFromIndex('items', 'key', key);
	}

	async put(item: OutboxItem): Promise<void> {
		await this.db.put('items', item);
	}

	async remove(seq: number): Promise<void> {
		await this.db.delete('items', seq);
	}

	/** Applied: the item leaves the outbox and its answer is kept, in one transaction. */
	async applied(item: OutboxItem, status: number, body: unknown, now: number): Promise<void> {
		const tx = this.db.transaction(['items', 'sent'], 'readwrite');
		const record = {
			key: item.key,
			status,
			body,
			label: item.label,
			userId: item.queuedBy.id,
			sentAt: now
		};
		await Promise.all([
			tx.objectStore('items').delete(item.seq!),
			tx.objectStore('sent').put(record),
			tx.done
		]);
	}

	sentRecord(key: string): Promise<SentRecord | undefined> {
		return this.db.get('sent', key);
	}

	async forgetSent(now: number): Promise<void> {
		const old = await this.db.getAllKeysFromIndex(
			'sent',
			'sentAt',
			IDBKeyRange.upperBound(now - SENT_KEEP_MS)
		);
		if (old.length === 0) return;
		const tx = this.db.transaction('sent', 'readwrite');
		await Promise.all([...old.map((key) => tx.store.delete(key)), tx.done]);
	}

	/** Sign-out: the answers are the person's; their unsent work stays (it is never dropped). */
	async clearSent(): Promise<void> {
		await this.db.clear('sent');
	}
}
