import { client } from '$lib/api';
import { withReauth } from '$lib/auth/gate.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import type { CustomerHit } from './types';

/** The one box beside the profile: results as the rep types (after a pause), and "more". */
export class CustomerSearch {
	query = $state('');
	/** The query the items are for (what the list highlights). */
	shown = $state('');
	items = $state<CustomerHit[]>([]);
	nextCursor = $state<string | null>(null);
	loading = $state(false);
	problem = $state<Problem | null>(null);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#controller: AbortController | null = null;

	type(value: string): void {
		this.query = value;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.load(), 200);
	}

	async load(more = false): Promise<void> {
		clearTimeout(this.#timer);
		const q = this.query.trim();
		if (q.length < 2) {
			this.items = [];
			this.shown = '';
			this.nextCursor = null;
			return;
		}
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const query: { q: string; limit: string; cursor?: string } = { q, limit: '20' };
		if (more && this.nextCursor) query.cursor = this.nextCursor;
		this.loading = true;
		this.problem = null;
		try {
			const page = await withReauth(() =>
				request(client.customers.$get({ query }, { init: { signal: controller.signal } }))
			);
			if (controller.signal.aborted) return;
			// A later page never repeats a customer an earlier one listed.
			const seen = more ? this.items.map((c) => c.id) : [];
			const fresh = page.items.filter((c) => !seen.includes(c.id));
			this.items = more ? [...this.items, ...fresh] : fresh;
			this.nextCursor = page.nextCursor;
			this.shown = q;
		} catch (error) {
			if (controller.signal.aborted) return;
			if (error instanceof ApiProblem) this.problem = error.problem;
			else throw error;
		} finally {
			if (this.#controller === controller) this.loading = false;
		}
	}

	/** A profile changed beside the list: show its new name and primary contacts. */
	update(hit: Pick<CustomerHit, 'id'> & Partial<CustomerHit>): void {
		this.items = this.items.map((c) => (c.id === hit.id ? { ...c, ...hit } : c));
	}
}

export const customerSearch = new CustomerSearch();
