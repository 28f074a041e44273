import { noteActivity } from '../auth/activity';
import { session } from '../auth/session.svelte';
import type { Problem } from '../problem';
import { requestBackgroundSync, OUTBOX_CHANGED, outboxChannel } from './background-sync';
import { drainOutbox, nothingSent, type DrainReport } from './drain';
import { edited, newItem, retried, type OutboxItem, type Verdict, type Work } from './outbox-item';
import { OutboxStore } from './outbox-store';
import { pending } from './pending.svelte';
import { sendBatch, sendItem } from './send';
import { CARD_NUMBER_REFUSED, holdsCardNumber } from './card-guard';

export type WorkResult =
	| { state: 'applied'; status: number; body: unknown }
	| { state: 'queued'; key: string }
	| { state: 'refused'; problem: Problem };

// Due items (a server error's backoff ran out) are looked for this often while open.
const TICK_MS = 10_000;

const NOT_SIGNED_IN: Problem = {
	type: 'urn:ordo:problem:signed-out',
	title: 'Sign in to save this',
	status: 401,
	detail: 'Work is kept for the person who did it, so Ordo needs to know who you are.'
};

/** Any answer but 401 came through a live session, which the server slid (idle timer). */
async function sendNoting(item: OutboxItem) {
	const sentAt = Date.now();
	const answer = await sendItem(item);
	if (answer.status !== 0 && answer.status !== 401) noteActivity(sentAt);
	return answer;
}

/** The same for a batch: any answer but none or 401 came through a live session. */
async function sendBatchNoting(items: OutboxItem[]) {
	const sentAt = Date.now();
	const answer = await sendBatch(items);
	const status = answer.kind === 'whole' ? answer.answer.status : 200;
	if (status !== 0 && status !== 401) noteActivity(sentAt);
	return answer;
}

/**
 * The page's side of the offline outbox (DESIGN §4): every warehouse change is stored
 * in IndexedDB first, then sent by `drain`, which the service worker's Background Sync
 * runs too. One pass at a time per page (and one across pages and the worker: Web Locks).
 */
export class Outbox {
	/** Everything on this device, in queue order, everyone's. */
	items = $state<OutboxItem[]>([]);
	/** False until IndexedDB was first read: an empty list before that means nothing. */
	loaded = $state(false);
	syncing = $state(false);
	#store: Promise<OutboxStore> | null = null;
	#running: Promise<DrainReport> | null = null;
	#next: Promise<DrainReport> | null = null;

	mine = $derived(this.items.filter((item) => item.queuedBy.id === session.user?.id));
	others = $derived(this.items.filter((item) => item.queuedBy.id !== session.user?.id));

	store(): Promise<OutboxStore> {
		this.#store ??= OutboxStore.open();
		return this.#store;
	}

	async refresh(): Promise<void> {
		this.items = await (await this.store()).all();
		this.loaded = true;
		const mine = this.mine;
		pending.count = mine.filter((item) => item.state !== 'failed').length;
		pending.failed = mine.filter((item) => item.state === 'failed').length;
		pending.others = this.others.length;
	}

	/** App start: read the queue, send what is due, and keep at it while the page is open. */
	start(): () => void {
		const channel = outboxChannel();
		const changed = () => void this.refresh();
		channel?.addEventListener('message', changed);
		const online = () => void this.drain({ force: true });
		addEventListener('online', online);
		const timer = setInterval(() => {
			if (this.mine.some((item) => item.state === 'waiting' && item.notBefore <= Date.now()))
				void this.drain();
		}, TICK_MS);
		void this.refresh().then(() => this.drain({ force: true }));
		return () => {
			channel?.removeEventListener('message', changed);
			channel?.close();
			removeEventListener('online', online);
			clearInterval(timer);
		};
	}

	/** Resolves when no pass is sending: the update prompt reloads only then. */
	async whenIdle(): Promise<void> {
		while (this.#running || this.#next) await (this.#next ?? this.#running);
	}

	/** A pass that starts after this call (one more if one is running now). */
	drain({ force = false } = {}): Promise<DrainReport> {
		if (!this.#running) {
			this.#running = this.#pass(force).finally(() => (this.#running = null));
			return this.#running;
		}
		this.#next ??= this.#running.then(() => {
			this.#next = null;
			return this.drain({ force });
		});
		return this.#next;
	}

	async #pass(force: boolean): Promise<DrainReport> {
		const user = session.user;
		if (!user) return nothingSent(null);
		if (!navigator.onLine) {
			void requestBackgroundSync();
			return nothingSent('offline');
		}
		const store = await this.store();
		this.syncing = true;
		try {
			const report = await drainOutbox({
				store,
				userId: user.id,
				send: sendNoting,
				sendBatch: sendBatchNoting,
				force,
				onChange: () => void this.refresh()
			});
			if (report.stopped === 'offline' || report.stopped === 'later') void requestBackgroundSync();
			return report;
		} finally {
			this.syncing = false;
			await this.refresh();
			outboxChannel()?.postMessage(OUTBOX_CHANGED);
		}
	}

	/** submitWork (submit.ts): stored first, then sent at once if there is a connection. */
	async submit(work: Work): Promise<WorkResult> {
		const user = session.user;
		if (!user) return { state: 'refused', problem: NOT_SIGNED_IN };
		if (holdsCardNumber(work.body)) return { state: 'refused', problem: CARD_NUMBER_REFUSED };
		const store = await this.store();
		const key = crypto.randomUUID();
		const queuedBy = { id: user.id, name: user.name };
		await store.add(newItem({ work, queuedBy, key, now: Date.now() }));
		await this.refresh();
		const report = await this.drain();
		return this.#resultOf(key, report.outcomes.get(key));
	}

	async #resultOf(key: string, verdict: Verdict | undefined): Promise<WorkResult> {
		const store = await this.store();
		if (verdict?.kind === 'applied')
			return { state: 'applied', status: verdict.status, body: verdict.body };
		// Sent by another tab or the service worker while this page waited for its turn.
		const sent = verdict ? undefined : await store.sentRecord(key);
		if (sent) return { state: 'applied', status: sent.status, body: sent.body };
		const item = verdict?.kind === 'failed' ? verdict.item : await store.byKey(key);
		if (item?.state === 'failed' && item.problem) {
			// Refused while the person is looking at the screen that sent it: the screen says
			// why, so it does not also wait in the outbox for a manager to discard.
			await store.remove(item.seq!);
			await this.refresh();
			return { state: 'refused', problem: item.problem };
		}
		return { state: 'queued', key };
	}

	async retry(item: OutboxItem): Promise<void> {
		await (await this.store()).put(retried(item));
		await this.refresh();
		void this.drain({ force: true });
	}

	/** A corrected quantity is a new request: a new Idempotency-Key, same place in the queue. */
	async edit(item: OutboxItem, quantity: number): Promise<void> {
		await (await this.store()).put(edited(item, quantity, crypto.randomUUID()));
		await this.refresh();
		void this.drain({ force: true });
	}

	/**
	 * Discarding work someone did needs a manager: the button is a manager's (or an
	 * admin's) only, so a manager signs in on this device to do it (docs/architecture.md).
	 */
	canDiscard(): boolean {
		return session.user?.role === 'manager' || session.user?.role === 'admin';
	}

	async discard(item: OutboxItem): Promise<void> {
		if (!this.canDiscard() || item.state !== 'failed') return;
		await (await this.store()).remove(item.seq!);
		await this.refresh();
		outboxChannel()?.postMessage(OUTBOX_CHANGED);
	}
}

export const outbox = new Outbox();
