import type { Client } from '@libsql/client';
import { loadavg } from 'node:os';
import type { DrainStore } from '../web/lib/sync/drain';
import { drainOutbox } from '../web/lib/sync/drain';
import { newItem, type Answer, type OutboxItem } from '../web/lib/sync/outbox-item';
import { BATCH_SIZE, sendBatch, sendItem, type BatchAnswer } from '../web/lib/sync/send';
import { stockProducts } from './stress/fixture';

export type OutboxDrainFigures = {
	/** Batches through POST /api/sync/batch, or one request per item. */
	mode: 'batched' | 'one-by-one';
	items: number;
	seconds: number;
	/** Items the server never applied. */
	lost: number;
	/** Items the server applied more than once. */
	duplicated: number;
	/** HTTP requests made (batches and single sends), faults included. */
	sends: number;
	/** Items per second. */
	rate: number;
	/** seconds ÷ the 30 s goal (issue 10); below 1 meets it. */
	ratio: number;
	/** The machine's 1-minute load average as the drain began and ended (2 shared cores). */
	load: { before: number; after: number };
};

const GOAL_SECONDS = 30;

/** The outbox in memory: this measures the drain and the server, not IndexedDB. */
class MemoryOutbox implements DrainStore {
	#items = new Map<number, OutboxItem>();
	add(item: OutboxItem, seq: number) {
		this.#items.set(seq, { ...item, seq });
	}
	async all() {
		return [...this.#items.values()];
	}
	async put(item: OutboxItem) {
		this.#items.set(item.seq!, item);
	}
	async applied(item: OutboxItem) {
		this.#items.delete(item.seq!);
	}
	get size() {
		return this.#items.size;
	}
}

/**
 * Issue 10's drain: `items` adjustments queued on a phone (the warehouse user's session),
 * replayed by the outbox's own drain (web/lib/sync/drain.ts) against the production server,
 * in queue order as a phone does: in batches of 200 through POST /api/sync/batch, each item
 * under its own key. Faults on the way, once per item named: a batch holding every 97th item
 * is sent twice at once, one holding every 251st has its answer lost (as if the app was
 * killed mid-send: the next pass sends it again with the same keys), one holding every 499th
 * is answered 503 first. Then the ledger is read: lost, duplicated.
 */
export async function measureOutboxDrain({
	client,
	baseUrl,
	cookie,
	items = 10_000,
	batches = true,
	prefix = 'OUTBOX'
}: {
	client: Client;
	baseUrl: string;
	cookie: string;
	items?: number;
	/** false: one request per item, as before the batch route (for comparison). */
	batches?: boolean;
	/** The code of the location and SKUs it stocks: each drain on one database its own. */
	prefix?: string;
}): Promise<OutboxDrainFigures> {
	const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } });
	const { user } = (await me.json()) as { user: { id: string; name: string } };
	const stock = await stockProducts(client, { count: 50, units: 10, prefix });
	const run = crypto.randomUUID().slice(0, 8);
	const store = new MemoryOutbox();
	for (let i = 0; i < items; i++) {
		const work = {
			kind: 'adjustment' as const,
			url: '/api/inventory/adjustments',
			body: {
				productId: stock.productIds[i % stock.productIds.length]!,
				locationId: stock.locationId,
				delta: 1,
				reason: `outbox ${run} ${i}`
			},
			label: `bench ${i}`
		};
		store.add(newItem({ work, queuedBy: user, key: `${run}-${i}`, now: Date.now() }), i + 1);
	}

	let sends = 0;
	const fetchWith: typeof fetch = (input, init) => {
		sends += 1;
		const headers = { ...(init?.headers as Record<string, string>), cookie, origin: baseUrl };
		return fetch(`${baseUrl}${String(input)}`, { ...init, headers });
	};
	const faulted = { twice: new Set<number>(), lost: new Set<number>(), busy: new Set<number>() };
	// One at a time (--one-by-one, or a lone item): the same faults, on the item itself.
	const send = async (item: OutboxItem): Promise<Answer> => {
		const batch = [item];
		if (due(batch, 499, faulted.busy)) return { status: 503, body: null, problem: null };
		if (due(batch, 251, faulted.lost)) {
			await sendItem(item, { fetch: fetchWith });
			return { status: 0, body: null, problem: null };
		}
		if (due(batch, 97, faulted.twice)) {
			const both = await Promise.all([
				sendItem(item, { fetch: fetchWith }),
				sendItem(item, { fetch: fetchWith })
			]);
			return both.find((a) => a.status < 300) ?? both[0]!;
		}
		return sendItem(item, { fetch: fetchWith });
	};
	/** The first item of `batch` due this fault (every `every`th), not yet given it. */
	const due = (batch: OutboxItem[], every: number, done: Set<number>) => {
		const i = batch.map((item) => item.seq! - 1).find((i) => i % every === 0 && !done.has(i));
		if (i !== undefined) done.add(i);
		return i !== undefined;
	};
	const batchSend = async (batch: OutboxItem[]): Promise<BatchAnswer> => {
		if (due(batch, 499, faulted.busy)) {
			return { kind: 'whole', answer: { status: 503, body: null, problem: null } };
		}
		if (due(batch, 251, faulted.lost)) {
			await sendBatch(batch, { fetch: fetchWith });
			return { kind: 'whole', answer: { status: 0, body: null, problem: null } };
		}
		if (due(batch, 97, faulted.twice)) {
			const both = await Promise.all([
				sendBatch(batch, { fetch: fetchWith }),
				sendBatch(batch, { fetch: fetchWith })
			]);
			// Per item, the send that applied it (or replayed it) if either did.
			const answers = new Map<string, Answer>();
			for (const answer of both) {
				if (answer.kind !== 'results') return answer;
				for (const [key, a] of answer.answers) {
					const had = answers.get(key);
					if (!had || (had.status >= 300 && a.status < 300)) answers.set(key, a);
				}
			}
			return { kind: 'results', answers };
		}
		return sendBatch(batch, { fetch: fetchWith });
	};

	const loadBefore = loadavg()[0]!;
	const started = performance.now();
	// Each stop (a lost answer, a 503) is a new pass, as the phone's triggers would start one.
	for (let pass = 0; store.size > 0 && pass < 1_000; pass++) {
		const report = await drainOutbox({
			store,
			userId: user.id,
			send,
			sendBatch: batches ? batchSend : undefined,
			batchSize: BATCH_SIZE,
			force: true
		});
		if (report.stopped === 'signed-out') throw new Error('the bench session ended');
	}
	const seconds = (performance.now() - started) / 1000;

	const applied = await client.execute({
		sql: `SELECT reason, count(*) AS n FROM stock_movements WHERE reason LIKE ? GROUP BY reason`,
		args: [`outbox ${run} %`]
	});
	const times = new Map(applied.rows.map((r) => [String(r.reason), Number(r.n)]));
	let lost = 0;
	let duplicated = 0;
	for (let i = 0; i < items; i++) {
		const n = times.get(`outbox ${run} ${i}`) ?? 0;
		if (n === 0) lost += 1;
		if (n > 1) duplicated += 1;
	}
	return {
		mode: batches ? 'batched' : 'one-by-one',
		items,
		seconds,
		lost,
		duplicated,
		sends,
		rate: items / seconds,
		ratio: seconds / GOAL_SECONDS,
		load: { before: loadBefore, after: loadavg()[0]! }
	};
}

export function printOutboxDrain(f: OutboxDrainFigures): void {
	console.log(
		`outbox-drain ${f.mode}: ${f.items.toLocaleString('en')} items in ${f.seconds.toFixed(1)} s ` +
			`(${Math.round(f.rate).toLocaleString('en')} items/s, ${f.sends.toLocaleString('en')} requests), ` +
			`lost ${f.lost}, duplicated ${f.duplicated}; ratio to the 30 s goal ${f.ratio.toFixed(2)}; ` +
			`load ${f.load.before.toFixed(1)} → ${f.load.after.toFixed(1)}`
	);
}

/**
 * The same number of items drained in batches and one by one, back to back on the same
 * server and database, so both meet the same (shared, drifting) machine load; each line
 * prints the load it ran under, and the last the speed-up.
 */
export async function measureOutboxDrainSideBySide(
	options: Omit<Parameters<typeof measureOutboxDrain>[0], 'batches' | 'prefix'>
): Promise<OutboxDrainFigures[]> {
	const batched = await measureOutboxDrain({ ...options, batches: true, prefix: 'OUTBOX-B' });
	printOutboxDrain(batched);
	const single = await measureOutboxDrain({ ...options, batches: false, prefix: 'OUTBOX-1' });
	printOutboxDrain(single);
	console.log(
		`outbox-drain side by side: batched ${(single.seconds / batched.seconds).toFixed(1)}× faster than one by one`
	);
	return [batched, single];
}
