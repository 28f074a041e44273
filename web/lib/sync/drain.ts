import { isDue, judge, type Answer, type OutboxItem, type Verdict } from './outbox-item';
import type { OutboxStore } from './outbox-store';
import type { BatchAnswer } from './send';

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
	/**
	 * Sends several items in one request (send.ts `sendBatch`); without it, or when the server
	 * has no batch route, each item goes alone through `send`.
	 */
	sendBatch?: (items: OutboxItem[]) => Promise<BatchAnswer>;
	/** Items per batch (the server takes at most 200). */
	batchSize?: number;
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
 * Sends this person's items in queue order, each with its own key: runs of due items in
 * batches (`sendBatch`, one request for up to `batchSize`; a lone item goes alone), else one
 * at a time. An item that must wait (no connection, signed out, a server error in backoff)
 * stops the pass, so nothing queued after it overtakes it; a failed item (the server said
 * no) is set aside for the person and the rest go on. Each item in a batch is judged by its
 * own result. An item found `sending` was cut off (the app was killed mid-send): it is sent
 * again with the same key, and the server answers from its idempotency store if the first
 * send had arrived.
 */
export async function drainOutbox({
	store,
	userId,
	send,
	sendBatch,
	batchSize = 200,
	now = Date.now,
	force = false,
	onChange
}: DrainOptions): Promise<DrainReport> {
	return withOutboxLock(async () => {
		const outcomes = new Map<string, Verdict>();
		const queue = (await store.all()).filter(
			(item) => item.queuedBy.id === userId && item.state !== 'failed'
		);
		let batches = sendBatch !== undefined;

		/** Records one item's answer; true when the pass must stop there. */
		const settle = async (item: OutboxItem, answer: Answer): Promise<StopReason | null> => {
			const verdict = judge(item, answer, now());
			outcomes.set(item.key, verdict);
			if (verdict.kind === 'applied')
				await store.applied(item, verdict.status, verdict.body, now());
			else await store.put(verdict.item);
			return verdict.kind === 'wait' ? verdict.reason : null;
		};

		for (let i = 0; i < queue.length;) {
			if (!isDue(queue[i]!, now(), force)) return { outcomes, stopped: 'later' };
			let end = i + 1;
			if (batches) {
				while (end < queue.length && end - i < batchSize && isDue(queue[end]!, now(), force))
					end += 1;
			}
			const run = queue.slice(i, end);
			for (const item of run) await store.put({ ...item, state: 'sending' });
			onChange?.();

			if (run.length === 1 || !sendBatch) {
				const item = run[0]!;
				const stopped = await settle(item, await send({ ...item, state: 'sending' }));
				onChange?.();
				if (stopped) return { outcomes, stopped };
				i = end;
				continue;
			}

			const answer = await sendBatch(run.map((item) => ({ ...item, state: 'sending' })));
			if (answer.kind === 'unsupported') {
				// An older server (or one that would not take this batch): one at a time from here.
				batches = false;
				continue;
			}
			let stopped: StopReason | null = null;
			for (const [n, item] of run.entries()) {
				if (stopped) {
					// Not tried: back as it was, still in its place.
					await store.put(item);
					continue;
				}
				const own =
					answer.kind === 'whole'
						? n === 0
							? answer.answer
							: null
						: (answer.answers.get(item.key) ?? { status: 0, body: null, problem: null });
				if (own === null) {
					await store.put(item);
					continue;
				}
				stopped = await settle(item, own);
			}
			onChange?.();
			if (stopped) return { outcomes, stopped };
			if (answer.kind === 'whole') return { outcomes, stopped: 'later' };
			i = end;
		}
		return { outcomes, stopped: null };
	});
}
