import { describe, expect, it } from 'vitest';
import { lastSlide, markSlid, noteActivity, onActivity } from './activity';

const T0 = 1_000_000_000;

describe('session activity', () => {
	it('moves the idle start only as often as the server renews it, never later', () => {
		markSlid(T0);
		// The server writes a new expiry at most once a minute: a request 60 s on may
		// not have moved it, so the page must not assume it did.
		noteActivity(T0 + 60_000);
		expect(lastSlide()).toBe(T0);
		noteActivity(T0 + 66_000);
		expect(lastSlide()).toBe(T0 + 66_000);
	});

	it('starts afresh with every new session and tells listeners', () => {
		const heard: number[] = [];
		const stop = onActivity((at) => heard.push(at));
		markSlid(T0 + 70_000);
		markSlid(T0 + 71_000);
		stop();
		markSlid(T0 + 72_000);
		expect(heard).toEqual([T0 + 70_000, T0 + 71_000]);
		expect(lastSlide()).toBe(T0 + 72_000);
	});
});
