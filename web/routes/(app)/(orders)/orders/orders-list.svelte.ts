import { untrack } from 'svelte';
import { client } from '$lib/api';
import { withReauth } from '$lib/auth/gate.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import type { OrderStatus, OrderSummary } from './types';

export type OrderFilters = {
	q: string;
	status: OrderStatus | '';
	sku: string;
	from: string;
	to: string;
};

const EMPTY: OrderFilters = { q: '', status: '', sku: '', from: '', to: '' };

/** The orders list beside the detail: its filters, the pages loaded so far, and "more". */
export class OrdersList {
	filters = $state<OrderFilters>({ ...EMPTY });
	items = $state<OrderSummary[]>([]);
	nextCursor = $state<string | null>(null);
	loading = $state(false);
	loaded = $state(false);
	problem = $state<Problem | null>(null);
	#controller: AbortController | null = null;

	/** A fresh search with the current filters, or the next page of it. */
	async load(more = false): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const f = this.filters;
		const query: Record<string, string> = { limit: '25' };
		if (f.q.trim()) query.q = f.q.trim();
		if (f.status) query.status = f.status;
		if (f.sku.trim()) query.sku = f.sku.trim();
		if (f.from) query.from = f.from;
		if (f.to) query.to = f.to;
		if (more && this.nextCursor) query.cursor = this.nextCursor;
		this.loading = true;
		this.problem = null;
		try {
			const page = await withReauth(() =>
				request(client.orders.$get({ query }, { init: { signal: controller.signal } }))
			);
			if (controller.signal.aborted) return;
			this.items = more ? [...this.items, ...page.items] : page.items;
			this.nextCursor = page.nextCursor;
			this.loaded = true;
		} catch (error) {
			if (controller.signal.aborted) return;
			if (error instanceof ApiProblem) this.problem = error.problem;
			else throw error;
		} finally {
			if (this.#controller === controller) this.loading = false;
		}
	}

	reset(): void {
		this.filters = { ...EMPTY };
		void this.load();
	}

	/** An order changed on the detail side: show its new status in the list. */
	update(order: Pick<OrderSummary, 'id'> & Partial<OrderSummary>): void {
		// Untracked: the order page calls this from an $effect, which must not come to depend
		// on the items it writes (that loop is effect_update_depth_exceeded, and it stopped
		// the page updating after a refund).
		const items = untrack(() => this.items);
		this.items = items.map((o) => (o.id === order.id ? { ...o, ...order } : o));
	}
}

export const ordersList = new OrdersList();
