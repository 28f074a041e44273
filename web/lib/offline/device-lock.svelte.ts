// PCI DSS 8.2.8 on the device itself: after 15 minutes without a touch, key or scroll,
// the screen locks, online or not. The server's own idle timeout (idle.svelte.ts) only
// sees requests, and offline there are none: a person scanning into the outbox for an
// hour is active, one who put the phone down is not. Only input on this device counts.
export const DEVICE_IDLE_MS = 15 * 60_000;
const TICK_MS = 1_000;
// Shared by every tab of the app: input in one keeps all unlocked, a lock locks all,
// and a reload cannot escape a lock (it is read back before anything is shown).
const INPUT_KEY = 'ordo.device.lastInput';
const LOCK_KEY = 'ordo.device.locked';
const OWED_KEY = 'ordo.device.signOutOwed';
// Writing localStorage on every key of a scanner burst is waste; a few seconds is plenty.
const WRITE_EVERY_MS = 5_000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

function read(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

function write(key: string, value: string | null): void {
	try {
		if (value === null) localStorage.removeItem(key);
		else localStorage.setItem(key, value);
	} catch {
		// Private mode or a full quota: this tab still knows.
	}
}

export class DeviceLock {
	/** When this device last had input (ms). */
	lastInput = $state(Number(read(INPUT_KEY)) || Date.now());
	/** Set while locked: since when. */
	lockedAt = $state<number | null>(Number(read(LOCK_KEY)) || null);
	locked = $derived(this.lockedAt !== null);
	/** The clock as of the last tick: the warning counts down with it. */
	now = $state(Date.now());
	/** Time left before the lock; the warning shows in its last minute (lock-warning.ts). */
	remainingMs = $derived(Math.max(0, this.lastInput + DEVICE_IDLE_MS - this.now));
	/**
	 * The session ended here (a lock, the idle countdown) while the server could not be
	 * told: kept across reloads, and sent once the network is back, so an offline unlock
	 * never carries on the old server session; a real sign-in follows.
	 */
	signOutOwed = $state(read(OWED_KEY) === '1');
	#written = 0;
	#onLock: () => void = () => {};

	/**
	 * Starts watching input; `onLock` runs when the idle time runs out. Returns the stop.
	 * `confirmed`: the server has just confirmed the session, so it saw a request within
	 * its own 15 minutes; an input time left by an earlier visit then says nothing and
	 * the count starts now. Offline nothing confirms it, and an old input time locks at
	 * once (the phone picked up after lunch). A lock already set stays set either way.
	 */
	start({ onLock, confirmed }: { onLock: () => void; confirmed: boolean }): () => void {
		this.#onLock = onLock;
		if (confirmed && this.lockedAt === null) this.#input(true);
		const onInput = () => this.#input();
		const tick = () => this.#tick();
		for (const type of INPUT_EVENTS)
			addEventListener(type, onInput, { capture: true, passive: true });
		const onStorage = (event: StorageEvent) => {
			if (event.key === LOCK_KEY) this.lockedAt = Number(event.newValue) || null;
			if (event.key === INPUT_KEY) this.lastInput = Number(event.newValue) || this.lastInput;
		};
		addEventListener('storage', onStorage);
		const onVisible = () => document.visibilityState === 'visible' && tick();
		document.addEventListener('visibilitychange', onVisible);
		const timer = setInterval(tick, TICK_MS);
		tick();
		return () => {
			for (const type of INPUT_EVENTS) removeEventListener(type, onInput, { capture: true });
			removeEventListener('storage', onStorage);
			document.removeEventListener('visibilitychange', onVisible);
			clearInterval(timer);
		};
	}

	lock(): void {
		if (this.lockedAt !== null) return;
		this.lockedAt = Date.now();
		write(LOCK_KEY, String(this.lockedAt));
		this.#onLock();
	}

	/** "Tap to stay signed in": input, shared with the other tabs at once. */
	stay(): void {
		this.#input(true);
	}

	/** The person proved who they are (online sign-in or the offline verifier). */
	unlock(): void {
		this.lockedAt = null;
		write(LOCK_KEY, null);
		this.#input(true);
	}

	oweSignOut(owed: boolean): void {
		this.signOutOwed = owed;
		write(OWED_KEY, owed ? '1' : null);
	}

	/** Signed out: nothing to lock until someone signs in. */
	reset(): void {
		this.lockedAt = null;
		this.oweSignOut(false);
		write(LOCK_KEY, null);
		write(INPUT_KEY, null);
		this.lastInput = Date.now();
	}

	#input(force = false): void {
		// Typing into the lock screen is not activity that unlocks it.
		if (this.lockedAt !== null && !force) return;
		const now = Date.now();
		this.lastInput = now;
		this.now = now;
		if (force || now - this.#written >= WRITE_EVERY_MS) {
			this.#written = now;
			write(INPUT_KEY, String(now));
		}
	}

	#tick(): void {
		const shared = Number(read(INPUT_KEY)) || 0;
		if (shared > this.lastInput) this.lastInput = shared;
		this.now = Date.now();
		if (this.lockedAt === null && this.now - this.lastInput >= DEVICE_IDLE_MS) this.lock();
	}
}

export const deviceLock = new DeviceLock();
