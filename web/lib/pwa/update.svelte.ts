/** What the page can ask of a service worker that is installed and waiting. */
export type WaitingWorker = {
	/** Tells the waiting worker to activate (it listens for {type: 'SKIP_WAITING'}). */
	skipWaiting(): void;
	/** Calls back once the new worker controls this page. */
	onControlling(callback: () => void): void;
};

/**
 * "Update available — Reload". A new version never takes over by itself: a picker
 * halfway through a count must not lose the screen, so the person chooses when
 * (DESIGN §4). `later` only hides the prompt; the worker keeps waiting and takes
 * over when every Ordo tab is closed, or the next time the prompt is accepted.
 */
export class AppUpdate {
	available = $state(false);
	applying = $state(false);
	/** Accepted, and waiting for the outbox to finish sending before it reloads. */
	sendingFirst = $state(false);
	#waiting: WaitingWorker | null = null;
	readonly #reload: () => void;
	readonly #outboxIdle: () => Promise<void>;

	constructor({
		reload = () => location.reload(),
		outboxIdle = () => Promise.resolve()
	}: { reload?: () => void; outboxIdle?: () => Promise<void> } = {}) {
		this.#reload = reload;
		this.#outboxIdle = outboxIdle;
	}

	offer(waiting: WaitingWorker): void {
		this.#waiting = waiting;
		this.available = true;
	}

	later(): void {
		this.available = false;
	}

	async apply(): Promise<void> {
		const waiting = this.#waiting;
		if (!waiting || this.applying) return;
		this.applying = true;
		// Not while the outbox is sending: a reload mid-send would be safe (the item keeps
		// its key) but the person would see it sent twice. Queued items stay in IndexedDB,
		// which a new version never touches, so an idle outbox need not be empty.
		this.sendingFirst = true;
		await this.#outboxIdle();
		this.sendingFirst = false;
		// Reload only once the new worker controls the page, or the reload would be
		// answered by the old worker's cache and show the old version again.
		waiting.onControlling(() => this.#reload());
		waiting.skipWaiting();
	}
}

export const appUpdate = new AppUpdate({
	// Loaded on demand: the sign-in page has no outbox to wait for.
	outboxIdle: async () => (await import('../sync/outbox.svelte')).outbox.whenIdle()
});
