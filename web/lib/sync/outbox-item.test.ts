import { describe, expect, it } from 'vitest';
import {
	edited,
	isDue,
	judge,
	newItem,
	retried,
	retryDelayMs,
	type Answer,
	type OutboxItem
} from './outbox-item';

const NOW = Date.parse('2026-11-29T10:00:00Z');

function item(overrides: Partial<OutboxItem> = {}): OutboxItem {
	return {
		...newItem({
			work: {
				kind: 'adjustment',
				url: '/api/inventory/adjustments',
				body: { productId: 'p1', locationId: 'l1', delta: -2, reason: 'damaged' },
				label: 'Adjust 85123A at MAIN: −2'
			},
			queuedBy: { id: 'u1', name: 'Tomasz Brennan' },
			key: 'k1',
			now: NOW
		}),
		...overrides
	};
}

const answer = (status: number, type = 'urn:ordo:problem:x', title = 'No'): Answer => ({
	status,
	body: status < 300 ? { ok: true } : null,
	problem: status >= 300 ? { type, title, status } : null
});

describe('newItem', () => {
	it('keeps the key, device time and person it was queued with, and waits', () => {
		const it_ = item();
		expect(it_).toMatchObject({
			key: 'k1',
			method: 'POST',
			deviceTime: '2026-11-29T10:00:00.000Z',
			queuedBy: { id: 'u1' },
			state: 'waiting',
			attempts: 0
		});
	});
});

describe('judge', () => {
	it('counts any 2xx as applied, a replay from the idempotency store included', () => {
		expect(judge(item(), answer(201), NOW)).toEqual({
			kind: 'applied',
			status: 201,
			body: { ok: true }
		});
		expect(judge(item({ state: 'sending' }), answer(200), NOW).kind).toBe('applied');
	});

	it('keeps the item waiting in place with no connection, and stops the drain', () => {
		const verdict = judge(item(), answer(0), NOW);
		expect(verdict).toMatchObject({
			kind: 'wait',
			reason: 'offline',
			item: { state: 'waiting', attempts: 1 }
		});
	});

	it('waits for the same person to sign in again on 401, saying whose it is', () => {
		const verdict = judge(item(), answer(401), NOW);
		expect(verdict.kind).toBe('wait');
		if (verdict.kind !== 'wait') return;
		expect(verdict.reason).toBe('signed-out');
		expect(verdict.item.problem?.title).toBe('Waiting for Tomasz Brennan to sign in');
	});

	it.each([500, 503, 403, 408, 429])('backs off and keeps waiting on %i', (status) => {
		const verdict = judge(item({ attempts: 2 }), answer(status), NOW);
		expect(verdict).toMatchObject({ kind: 'wait', reason: 'later' });
		if (verdict.kind === 'wait') expect(verdict.item.notBefore).toBe(NOW + retryDelayMs(3));
	});

	it('waits when the server is still working on the same key (409 in flight)', () => {
		const verdict = judge(item(), answer(409, 'urn:ordo:problem:idempotency-in-flight'), NOW);
		expect(verdict.kind).toBe('wait');
	});

	it.each([400, 404, 409, 422])(
		'fails on %i with the server words, and the drain goes on',
		(status) => {
			const verdict = judge(
				item(),
				answer(status, 'urn:ordo:problem:insufficient-stock', 'Not enough stock'),
				NOW
			);
			expect(verdict).toMatchObject({
				kind: 'failed',
				item: { state: 'failed', problem: { title: 'Not enough stock' } }
			});
		}
	);
});

describe('backoff', () => {
	it('doubles from 2 s and stops growing at 5 minutes', () => {
		expect([1, 2, 3].map(retryDelayMs)).toEqual([2_000, 4_000, 8_000]);
		expect(retryDelayMs(30)).toBe(300_000);
	});

	it('sends an item again once its backoff ran out, or at once when forced', () => {
		const later = item({ notBefore: NOW + 5_000 });
		expect(isDue(later, NOW)).toBe(false);
		expect(isDue(later, NOW + 5_000)).toBe(true);
		expect(isDue(later, NOW, true)).toBe(true);
		expect(isDue(item({ state: 'failed' }), NOW, true)).toBe(false);
		// Cut off mid-send (the app was killed): due again, with the same key.
		expect(isDue(item({ state: 'sending' }), NOW)).toBe(true);
	});
});

describe('retry and edit', () => {
	it('retries with the same key', () => {
		const failed = item({ state: 'failed', problem: { type: 'x', title: 'No', status: 422 } });
		expect(retried(failed)).toMatchObject({ key: 'k1', state: 'waiting', problem: null });
	});

	it('an edited quantity is a new request with a new key, remembering the old value', () => {
		const failed = item({ state: 'failed', attempts: 3 });
		const fixed = edited(failed, -1, 'k2');
		expect(fixed).toMatchObject({ key: 'k2', state: 'waiting', attempts: 0, editedFrom: -2 });
		expect(fixed.body.delta).toBe(-1);
	});
});
