import { client } from '$lib/api';
import { withReauth } from '$lib/auth/gate.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import { exactHit } from './exact-hit';
import type { ProductSummary } from './types';

// Long enough that a person typing a name sends one request per pause, short
// enough to feel instant. A scanner's Enter does not wait for it (see submit).
const DEBOUNCE_MS = 200;
export const RESULT_LIMIT = 20;

/** The one search box: SKU, barcode or name, searched as the person types. */
export class ProductSearch {
	query = $state('');
	items = $state<ProductSummary[]>([]);
	/** The query `items` answer, so the count never describes a newer query. */
	answered = $state<string | null>(null);
	/** What the items are really for: `answered`, or its typo correction (the API's resultsFor). */
	resultsFor = $state<string | null>(null);
	didYouMean = $state<string | null>(null);
	nextCursor = $state<string | null>(null);
	loading = $state(false);
	loadingMore = $state(false);
	problem = $state<Problem | null>(null);

	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: { query: string; done: Promise<void>; controller: AbortController } | null = null;

	/** Every keystroke: search once typing pauses. */
	type(value: string): void {
		this.query = value;
		clearTimeout(this.#timer);
		if (!value.trim()) {
			this.#cancel();
			this.items = [];
			this.answered = null;
			this.resultsFor = null;
			this.didYouMean = null;
			this.nextCursor = null;
			this.problem = null;
			return;
		}
		this.#timer = setTimeout(() => void this.#search(value.trim()), DEBOUNCE_MS);
	}

	/**
	 * Enter: search now, without waiting for the pause, and return the product the
	 * box names exactly (a scanned barcode or a typed SKU), if there is one.
	 */
	async submit(): Promise<ProductSummary | null> {
		clearTimeout(this.#timer);
		const query = this.query.trim();
		if (!query) return null;
		if (this.#running?.query === query) await this.#running.done;
		else if (this.answered !== query) await this.#search(query);
		return this.answered === query ? exactHit(this.items, query) : null;
	}

	/** "Show more": the next page of what the list shows, appended. */
	async more(): Promise<void> {
		const cursor = this.nextCursor;
		const q = this.resultsFor;
		if (!cursor || !q || this.loadingMore) return;
		const answered = this.answered;
		this.loadingMore = true;
		try {
			const page = await withReauth(() =>
				request(
					client.inventory.products.$get({
						query: { q, cursor, limit: String(RESULT_LIMIT) }
					})
				)
			);
			// A new search while this page was on its way: it belongs to the old list.
			if (this.answered !== answered) return;
			const shown = this.items.map((item) => item.id);
			this.items = [...this.items, ...page.items.filter((item) => !shown.includes(item.id))];
			this.nextCursor = page.nextCursor;
			this.problem = null;
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
		} finally {
			this.loadingMore = false;
		}
	}

	#cancel(): void {
		this.#running?.controller.abort();
		this.#running = null;
		this.loading = false;
	}

	#search(query: string): Promise<void> {
		if (this.#running?.query === query) return this.#running.done;
		this.#cancel();
		const controller = new AbortController();
		const done = this.#fetch(query, controller);
		this.#running = { query, done, controller };
		return done;
	}

	async #fetch(query: string, controller: AbortController): Promise<void> {
		this.loading = true;
		try {
			// A 401 asks for the password over the page and searches again: the box keeps its text.
			const page = await withReauth(() =>
				request(
					client.inventory.products.$get(
						{ query: { q: query, limit: String(RESULT_LIMIT) } },
						{ init: { signal: controller.signal } }
					)
				)
			);
			if (controller.signal.aborted) return;
			this.items = page.items;
			this.answered = query;
			this.resultsFor = page.resultsFor;
			this.didYouMean = page.didYouMean;
			this.nextCursor = page.nextCursor;
			this.problem = null;
		} catch (error) {
			if (controller.signal.aborted) return;
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
		} finally {
			if (this.#running?.controller === controller) {
				this.#running = null;
				this.loading = false;
			}
		}
	}
}

// One search for the app's lifetime: back from a product, the list is still there.
export const productSearch = new ProductSearch();
