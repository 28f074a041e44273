import { OUTBOX_CHANGED, outboxChannel } from './background-sync';
import { drainOutbox } from './drain';
import { OutboxStore } from './outbox-store';
import { sendBatch, sendItem } from './send';

/**
 * The service worker's drain (Background Sync): asks the API who this browser's session
 * belongs to, then sends only that person's items, as the page would. Throws when work
 * is left that a later try could send, so the browser schedules another sync.
 */
export async function drainInBackground(): Promise<void> {
	let me: Response;
	try {
		me = await fetch('/api/auth/me', { credentials: 'same-origin' });
	} catch {
		throw new Error('outbox: still offline');
	}
	// Signed out (or someone mid sign-in): their work waits for them, the page sends it.
	if (!me.ok) return;
	const { user } = (await me.json()) as { user: { id: string } };
	const store = await OutboxStore.open();
	try {
		const report = await drainOutbox({
			store,
			userId: user.id,
			send: (item) => sendItem(item),
			sendBatch: (items) => sendBatch(items)
		});
		if (report.stopped === 'offline' || report.stopped === 'later') {
			throw new Error(`outbox: ${report.stopped}, to be retried`);
		}
	} finally {
		store.db.close();
		const channel = outboxChannel();
		channel?.postMessage(OUTBOX_CHANGED);
		channel?.close();
	}
}
