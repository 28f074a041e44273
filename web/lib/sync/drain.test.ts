import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { drainOutbox } from './drain';
import { newItem, type Answer, type OutboxItem } from './outbox-item';
import type { BatchAnswer } from './send';
import { OutboxStore } from './outbox-store';

// fake-indexeddb stands in for the browser's IndexedDB here only, to test the drain's
// state logic; the browser journeys (tests/e2e/outbox.spec.ts) use Chromium's own.
let store: OutboxStore;
let n = 0;

beforeEach(async () => {
	store = await OutboxStore.open(`outbox-test-${++n}`);
});

const TOMASZ = { id: 'u1', name: 'Tomasz' };
const DANA = { id: 'u2', name: 'Dana' };

async function queue(label: string, queuedBy = TOMASZ): Promise<OutboxItem> {
	const work = { kind: 'adjustment' as const, url: '/api/x', body: { delta: 1, label }, label };
	return store.add(newItem({ work, queuedBy, key: `key-${label}`, now: Date.now() }));
}

/** A fake server that applies each key once and replays it after, like the real one. */
function server(script: Record<string, number[]> = {}) {
	const applied: string[] = [];
	const sent: string[] = [];
	const send = async (item: OutboxItem): Promise<Answer> => {
		sent.push(item.label);
		const status = script[item.label]?.shift() ?? 201;
		if (status === 201 && !applied.includes(item.key)) applied.push(item.key);
		return {
			status,
			body: status === 201 ? { label: item.label } : null,
			problem:
				status === 201 || status === 0
					? null
					: { type: 'urn:ordo:problem:x', title: `no ${status}`, status }
		};
	};
	return { applied, sent, send };
}

describe('drainOutbox', () => {
	it('sends one person’s items in queue order and empties the queue', async () => {
		for (const label of ['a', 'b', 'c']) await queue(label);
		const s = server();
		const report = await drainOutbox({ store, userId: 'u1', send: s.send });
		expect(s.sent).toEqual(['a', 'b', 'c']);
		expect(report.stopped).toBeNull();
		expect(await store.all()).toEqual([]);
		expect((await store.sentRecord('key-b'))?.body).toEqual({ label: 'b' });
	});

	it('never sends another person’s items under this session', async () => {
		await queue('mine');
		await queue('theirs', DANA);
		const s = server();
		await drainOutbox({ store, userId: 'u1', send: s.send });
		expect(s.sent).toEqual(['mine']);
		expect((await store.all()).map((i) => i.label)).toEqual(['theirs']);
	});

	it('stops at an item that must wait, so later items do not overtake it', async () => {
		for (const label of ['a', 'b', 'c']) await queue(label);
		const s = server({ b: [503] });
		const report = await drainOutbox({ store, userId: 'u1', send: s.send, now: () => 1_000 });
		expect(s.sent).toEqual(['a', 'b']);
		expect(report.stopped).toBe('later');
		const left = await store.all();
		expect(left.map((i) => [i.label, i.state, i.notBefore])).toEqual([
			['b', 'waiting', 3_000],
			['c', 'waiting', 0]
		]);
		// Before the backoff runs out nothing is sent; after it, b then c, once each.
		await drainOutbox({ store, userId: 'u1', send: s.send, now: () => 2_000 });
		expect(s.sent).toEqual(['a', 'b']);
		await drainOutbox({ store, userId: 'u1', send: s.send, now: () => 3_000 });
		expect(s.sent).toEqual(['a', 'b', 'b', 'c']);
		expect(s.applied).toEqual(['key-a', 'key-b', 'key-c']);
	});

	it('sets a refused item aside with the server’s words and goes on', async () => {
		for (const label of ['a', 'b', 'c']) await queue(label);
		const s = server({ b: [422] });
		await drainOutbox({ store, userId: 'u1', send: s.send });
		const [left] = await store.all();
		expect(left).toMatchObject({ label: 'b', state: 'failed', problem: { title: 'no 422' } });
		expect(s.applied).toEqual(['key-a', 'key-c']);
	});

	it('keeps everything with no connection or no session', async () => {
		await queue('a');
		await queue('b');
		const offline = await drainOutbox({ store, userId: 'u1', send: server({ a: [0] }).send });
		expect(offline.stopped).toBe('offline');
		const signedOut = await drainOutbox({ store, userId: 'u1', send: server({ a: [401] }).send });
		expect(signedOut.stopped).toBe('signed-out');
		expect((await store.all()).map((i) => i.state)).toEqual(['waiting', 'waiting']);
	});

	it('resends an item cut off mid-send with the same key, and it applies once', async () => {
		const a = await queue('a');
		// The app was killed after marking it sending (the server may have applied it).
		await store.put({ ...a, state: 'sending' });
		const s = server();
		s.applied.push(a.key);
		await drainOutbox({ store, userId: 'u1', send: s.send });
		expect(s.sent).toEqual(['a']);
		expect(s.applied).toEqual(['key-a']);
		expect(await store.all()).toEqual([]);
	});

	it('two drains at once (two tabs, or a tab and the worker) send each item once', async () => {
		for (const label of ['a', 'b', 'c', 'd']) await queue(label);
		const s = server();
		await Promise.all([
			drainOutbox({ store, userId: 'u1', send: s.send }),
			drainOutbox({ store, userId: 'u1', send: s.send })
		]);
		expect(s.sent).toEqual(['a', 'b', 'c', 'd']);
	});
});

/** The same fake server's batch route: each item by its own script, stopping where the real one does. */
function batchServer(script: Record<string, number[]> = {}, whole?: BatchAnswer) {
	const s = server(script);
	const batches: string[][] = [];
	const sendBatch = async (items: OutboxItem[]): Promise<BatchAnswer> => {
		batches.push(items.map((i) => i.label));
		if (whole) return whole;
		const answers = new Map<string, Answer>();
		for (const item of items) {
			const answer = await s.send(item);
			answers.set(item.key, answer);
			if (answer.status >= 500 || answer.status === 401 || answer.status === 403) break;
		}
		return { kind: 'results', answers };
	};
	return { ...s, batches, sendBatch };
}

describe('drainOutbox in batches', () => {
	it('sends runs of items in batches, in queue order, and marks each by its own result', async () => {
		for (const label of ['a', 'b', 'c', 'd', 'e']) await queue(label);
		const s = batchServer({ c: [422] });
		const report = await drainOutbox({
			store,
			userId: 'u1',
			send: s.send,
			sendBatch: s.sendBatch,
			batchSize: 2
		});
		// The last run is a lone item: it goes alone.
		expect(s.batches).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(s.sent).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(report.stopped).toBeNull();
		expect(s.applied).toEqual(['key-a', 'key-b', 'key-d', 'key-e']);
		const left = await store.all();
		expect(left.map((i) => [i.label, i.state, i.problem?.title])).toEqual([
			['c', 'failed', 'no 422']
		]);
		expect((await store.sentRecord('key-d'))?.body).toEqual({ label: 'd' });
	});

	it('stops at an item that must wait; the untried rest stay waiting in their places', async () => {
		for (const label of ['a', 'b', 'c', 'd']) await queue(label);
		const s = batchServer({ b: [503] });
		const drain = (at: number) =>
			drainOutbox({ store, userId: 'u1', send: s.send, sendBatch: s.sendBatch, now: () => at });
		const report = await drain(1_000);
		expect(report.stopped).toBe('later');
		expect((await store.all()).map((i) => [i.label, i.state, i.notBefore])).toEqual([
			['b', 'waiting', 3_000],
			['c', 'waiting', 0],
			['d', 'waiting', 0]
		]);
		await drain(3_000);
		expect(s.batches).toEqual([
			['a', 'b', 'c', 'd'],
			['b', 'c', 'd']
		]);
		expect(s.applied).toEqual(['key-a', 'key-b', 'key-c', 'key-d']);
		expect(await store.all()).toEqual([]);
	});

	it('keeps every item when the batch gets no answer at all', async () => {
		for (const label of ['a', 'b', 'c']) await queue(label);
		const none = { kind: 'whole', answer: { status: 0, body: null, problem: null } } as const;
		const s = batchServer({}, none);
		const report = await drainOutbox({ store, userId: 'u1', send: s.send, sendBatch: s.sendBatch });
		expect(report.stopped).toBe('offline');
		expect((await store.all()).map((i) => [i.label, i.state])).toEqual([
			['a', 'waiting'],
			['b', 'waiting'],
			['c', 'waiting']
		]);
		expect(s.applied).toEqual([]);
	});

	it('sends one at a time when the server has no batch route (an older version)', async () => {
		for (const label of ['a', 'b', 'c']) await queue(label);
		const s = batchServer({}, { kind: 'unsupported' });
		const report = await drainOutbox({ store, userId: 'u1', send: s.send, sendBatch: s.sendBatch });
		expect(report.stopped).toBeNull();
		expect(s.batches).toEqual([['a', 'b', 'c']]);
		expect(s.sent).toEqual(['a', 'b', 'c']);
		expect(s.applied).toEqual(['key-a', 'key-b', 'key-c']);
		expect(await store.all()).toEqual([]);
	});
});
