import { lastSlide, onActivity } from './activity';

// PCI DSS 8.2.8: the server ends a session after 15 idle minutes; /me says how long.
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
/** The warning shows this long before the session ends. */
export const WARN_BEFORE_MS = 60_000;
const TICK_MS = 1_000;

export type IdleState = 'active' | 'warning' | 'ended';

/**
 * The page's view of the session's idle countdown. It only watches: it never calls
 * the API on its own, since any request would slide the session and defeat the
 * timeout. Time is read from the clock at each tick, so a phone that slept through
 * the deadline (timers paused) finds it passed the moment it wakes.
 */
export class IdleSession {
	timeoutMs = $state(DEFAULT_TIMEOUT_MS);
	slidAt = $state(lastSlide());
	now = $state(Date.now());
	/** Set when the countdown ran out (or the API said so); cleared by signing in again. */
	endedAt = $state<number | null>(null);
	#onEnd: () => void = () => {};

	remainingMs = $derived(Math.max(0, this.slidAt + this.timeoutMs - this.now));
	state: IdleState = $derived(
		this.endedAt !== null || this.remainingMs === 0
			? 'ended'
			: this.remainingMs <= WARN_BEFORE_MS
				? 'warning'
				: 'active'
	);

	/**
	 * Starts counting; `onEnd` runs once when the time is up. Returns the stop
	 * function, for a component's $effect.
	 */
	start({ timeoutMs, onEnd }: { timeoutMs?: number | null; onEnd: () => void }): () => void {
		if (timeoutMs) this.timeoutMs = timeoutMs;
		this.#onEnd = onEnd;
		const tick = () => {
			this.now = Date.now();
			this.slidAt = lastSlide();
			if (this.remainingMs === 0) this.end();
		};
		tick();
		const timer = setInterval(tick, TICK_MS);
		const stopListening = onActivity(tick);
		// Browsers slow background timers to once a minute; catch up on return.
		const onVisible = () => document.visibilityState === 'visible' && tick();
		document.addEventListener('visibilitychange', onVisible);
		return () => {
			clearInterval(timer);
			stopListening();
			document.removeEventListener('visibilitychange', onVisible);
		};
	}

	/** The session is over: the countdown ran out, or the API answered 401. Once. */
	end(): void {
		if (this.endedAt !== null) return;
		this.endedAt = Date.now();
		this.#onEnd();
	}

	/** Signed in again: count from now. */
	resume(): void {
		this.endedAt = null;
		this.now = Date.now();
		this.slidAt = lastSlide();
	}
}

export const idle = new IdleSession();
