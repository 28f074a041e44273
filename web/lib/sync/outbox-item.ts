import type { Problem } from '../problem';

export type WorkKind =
	'count' | 'adjustment' | 'pick' | 'po-receipt' | 'transfer-receipt' | 'return-receipt';

/** One change a warehouse screen wants the server to make (web/lib/sync/submit.ts). */
export type Work = {
	kind: WorkKind;
	/** API path, e.g. `/api/counts/tasks/${id}/lines` */
	url: string;
	method?: 'POST' | 'PUT';
	body: Record<string, unknown>;
	/** One line a worker reads in the outbox list: "Count A-01: 12 × Heart mug" */
	label: string;
};

export type ItemState = 'waiting' | 'sending' | 'failed';

/** The person whose session may send an item: the one who queued it, nobody else. */
export type QueuedBy = { id: string; name: string };

/** A piece of work in the IndexedDB outbox, until the server has applied it. */
export type OutboxItem = {
	/** Queue order (IndexedDB auto-increment); absent until stored. */
	seq?: number;
	/** Idempotency-Key, chosen once at enqueue: every send of this item carries it. */
	key: string;
	kind: WorkKind;
	url: string;
	method: 'POST' | 'PUT';
	body: Record<string, unknown>;
	label: string;
	/** When the person did it, on the device's clock (sent as Ordo-Sent-At's counterpart). */
	deviceTime: string;
	queuedBy: QueuedBy;
	attempts: number;
	state: ItemState;
	/** The last reason it did not go through, in the server's (or our) words. */
	problem: Problem | null;
	/** Not sent again before this (backoff after a server error), epoch ms. */
	notBefore: number;
	/** The quantity a person corrected it from, when edited after a refusal. */
	editedFrom?: number;
};

/** What one send produced: an HTTP answer, or none at all (status 0). */
export type Answer = { status: number; body: unknown; problem: Problem | null };

/** What the drain does with an item after an answer. */
export type Verdict =
	| { kind: 'applied'; status: number; body: unknown }
	| { kind: 'failed'; item: OutboxItem }
	/** Keeps the item, and stops the drain: later items must not overtake it. */
	| { kind: 'wait'; item: OutboxItem; reason: 'offline' | 'signed-out' | 'later' };

export function newItem({
	work,
	queuedBy,
	key,
	now
}: {
	work: Work;
	queuedBy: QueuedBy;
	key: string;
	/** When the person did it, epoch ms on the device's clock. */
	now: number;
}): OutboxItem {
	return {
		key,
		kind: work.kind,
		url: work.url,
		method: work.method ?? 'POST',
		body: work.body,
		label: work.label,
		deviceTime: new Date(now).toISOString(),
		queuedBy,
		attempts: 0,
		state: 'waiting',
		problem: null,
		notBefore: 0
	};
}

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

/** Backoff after a server error: 2 s, 4 s, 8 s … at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
	return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/** An item the drain may send now. One left `sending` was cut off mid-send: same key again. */
export function isDue(item: OutboxItem, now: number, force = false): boolean {
	if (item.state === 'failed') return false;
	return force || item.notBefore <= now;
}

const OFFLINE: Problem = {
	type: 'urn:ordo:problem:offline',
	title: 'Not sent yet: no connection',
	status: 0,
	detail: 'It is kept on this device and goes by itself when the connection is back.'
};

function signedOut(name: string): Problem {
	return {
		type: 'urn:ordo:problem:signed-out',
		title: `Waiting for ${name} to sign in`,
		status: 401,
		detail: `Only ${name}'s own session sends it. Nothing is lost.`
	};
}

// Answers that say "not now" rather than "no": the request may succeed unchanged later.
// 409 only when the server was still working on the same key (another send of this item).
function isTransient({ status, problem }: Answer): boolean {
	if (status >= 500 || status === 403 || status === 408 || status === 429) return true;
	return status === 409 && (problem?.type.endsWith(':idempotency-in-flight') ?? false);
}

/**
 * The outbox's state machine, pure so it is unit-tested (outbox-item.test.ts).
 * 2xx (a first answer or one replayed from the server's idempotency store) is applied;
 * no answer, 401 and transient answers keep the item waiting in its place; any other
 * 4xx is the server's "no": the item fails with the server's words and the rest go on.
 */
export function judge(item: OutboxItem, answer: Answer, now: number): Verdict {
	const attempts = item.attempts + 1;
	if (answer.status >= 200 && answer.status < 300) {
		return { kind: 'applied', status: answer.status, body: answer.body };
	}
	if (answer.status === 0) {
		const waiting = { ...item, attempts, state: 'waiting' as const, problem: OFFLINE };
		return { kind: 'wait', item: { ...waiting, notBefore: now }, reason: 'offline' };
	}
	if (answer.status === 401) {
		const problem = signedOut(item.queuedBy.name);
		return {
			kind: 'wait',
			item: { ...item, attempts, state: 'waiting', problem, notBefore: now },
			reason: 'signed-out'
		};
	}
	const problem = answer.problem ?? {
		type: 'about:blank',
		title: 'Refused',
		status: answer.status
	};
	if (isTransient(answer)) {
		const notBefore = now + retryDelayMs(attempts);
		return {
			kind: 'wait',
			item: { ...item, attempts, state: 'waiting', problem, notBefore },
			reason: 'later'
		};
	}
	return { kind: 'failed', item: { ...item, attempts, state: 'failed', problem } };
}

/** "Retry": the same request, same key, from the front of its place in the queue. */
export function retried(item: OutboxItem): OutboxItem {
	return { ...item, state: 'waiting', notBefore: 0, problem: null };
}

// The number a person may correct on a refused item, per kind: a count's units counted,
// an adjustment's delta, a pick's or a receipt's units.
const EDITABLE: Partial<Record<WorkKind, string>> = {
	count: 'counted',
	adjustment: 'delta',
	pick: 'quantity',
	'po-receipt': 'quantity',
	'transfer-receipt': 'quantity',
	'return-receipt': 'quantity'
};

export function editableQuantity(item: OutboxItem): number | null {
	const field = EDITABLE[item.kind];
	const value = field ? item.body[field] : undefined;
	return typeof value === 'number' ? value : null;
}

/**
 * "Edit": a corrected quantity is a new request, so it gets a NEW Idempotency-Key (the
 * server refuses a reused key with a different body, and the old one was never applied).
 */
export function edited(item: OutboxItem, quantity: number, key: string): OutboxItem {
	const field = EDITABLE[item.kind];
	if (!field) throw new Error(`a ${item.kind} has no quantity to edit`);
	return {
		...retried(item),
		key,
		attempts: 0,
		body: { ...item.body, [field]: quantity },
		editedFrom: editableQuantity(item) ?? undefined
	};
}
