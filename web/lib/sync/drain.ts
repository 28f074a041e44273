import { isDue, judge, type Answer, type OutboxItem, type Verdict } from './outbox-item';
import type { OutboxStore } from './outbox-store';

export type StopReason = 'offline' | 'signed-out' | 'later';

export type DrainReport = {
	/** What happened to each item this pass sent, by Idempotency-Key. */
	outcomes: Map<string, Verdict>;
	/** Why the pass ended before the queue did; null when nothing of this person's is due. */
	stopped: StopReason | null;
};

/** What the drain needs of a store: IndexedDB's (outbox-store.ts), or the bench's in memory. */
export type DrainStore = Pick<OutboxStore, 'all' | 'put' | 'applied'>;

export type DrainOptions = {
	store: DrainStore;
	/** Only this person's items are sent: the one signed in, as the API confirmed. */
	userId: string;
	send: (item: OutboxItem) => Promise<Answer>;
	now?: () => number;
	/** Ignore backoff ("Sync now", back online). */
	force?: boolean;
	/** Called after each change of state, for the screens' counts. */
	onChange?: () => void;
};

const LOCK = 'ordo-outbox';

/** A pass that sent nothing, and why. */
export function nothingSent(stopped: StopReason | null): DrainReport {
	return { outcomes: new Map(), stopped };
}

/**
 * One drain at a time across every tab and the service worker (Web Locks; where a
 * browser has none the server's idempotency store still applies a duplicate send
 * once, answering the second with the first's result or 409 in-flight).
 */
export function withOutboxLock<T>(run: () => Promise<T>): Promise<T> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	return locks ? locks.request(LOCK, run) : run();
}

/**
 * Sends this person's items in queue order, one at a time, each with its own key.
 * An item that must wait (no connection, signed out, a server error in backoff) stops
 * the pass, so nothing queued after it overtakes it; a failed item (the server said no)
 * is set aside for the person and the rest go on. An item found `sending` was cut off
 * (the app was killed mid-send): it is sent again with the same key, and the server
 * answers from its idempotency store if the first send had arrived.
 */
export async function drainOutbox({
	store,
	userId,
	send,
	now = Date.now,
	force = false,
	onChange
}: DrainOptions): Promise<DrainReport> {
	return withOutboxLock(async () => {
		const outcomes = new Map<string, Verdict>();
		const queue = (await store.all()).filter((item) => item.queuedBy.id === userId);
		for (const item of queue) {
			if (item.state === 'failed') continue;
			if (!isDue(item, now(), force)) return { outcomes, stopped: 'later' };
			const sending = { ...item, state: 'sending' as const };
			await store.put(sending);
			onChange?.();
			const verdict = judge(item, await send(sending), now());
			outcomes.set(item.key, verdict);
			if (verdict.kind === 'applied')
				await store.applied(item, verdict.status, verdict.body, now());
			else await store.put(verdict.item);
			onChange?.();
			if (verdict.kind === 'wait') return { outcomes, stopped: verdict.reason };
		}
		return { outcomes, stopped: null };
	});
}
