import { describe, expect, it } from 'vitest';
import {
	afterFailure,
	MAX_OFFLINE_FAILURES,
	waitBeforeAttempt,
	type AttemptState
} from './unlock-limit';

const NOW = Date.UTC(2026, 10, 29, 10, 42);
const FRESH: AttemptState = { failures: 0, nextTryAt: 0 };

function fail(times: number): { state: AttemptState; wipe: boolean } {
	let result = { state: FRESH, wipe: false };
	for (let i = 0; i < times; i++) result = afterFailure(result.state, NOW);
	return result;
}

describe('offline unlock rate limit', () => {
	it('lets a typo or two be retried at once', () => {
		expect(waitBeforeAttempt(fail(1).state, NOW)).toBe(0);
		expect(waitBeforeAttempt(fail(2).state, NOW)).toBe(0);
	});

	it('then makes each next attempt wait longer', () => {
		expect(waitBeforeAttempt(fail(3).state, NOW)).toBe(30_000);
		expect(waitBeforeAttempt(fail(4).state, NOW)).toBe(60_000);
		expect(waitBeforeAttempt(fail(3).state, NOW + 29_000)).toBe(1_000);
		expect(waitBeforeAttempt(fail(3).state, NOW + 30_000)).toBe(0);
	});

	it(`wipes the verifier at the ${MAX_OFFLINE_FAILURES}th failure, not before`, () => {
		expect(fail(MAX_OFFLINE_FAILURES - 1).wipe).toBe(false);
		expect(fail(MAX_OFFLINE_FAILURES).wipe).toBe(true);
	});

	it('counts on from a stored state (a reload gives no fresh tries)', () => {
		const stored = fail(3).state;
		expect(afterFailure(stored, NOW).state.failures).toBe(4);
	});
});
