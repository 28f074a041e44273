import { client } from '$lib/api';
import { request } from '$lib/request';

export type DraftLine = { productId: string; sku: string; name: string; quantity: number };
type Found = { id: string; sku: string; name: string; available: number };

/**
 * A transfer being drafted on the tablet: its lines (one per product; adding a product
 * again adds to its line) and a product search to add from.
 */
export class TransferDraft {
	lines = $state<DraftLine[]>([]);
	query = $state('');
	results = $state<Found[]>([]);
	#searching: AbortController | null = null;

	async search(): Promise<void> {
		const q = this.query.trim();
		this.#searching?.abort();
		if (q.length === 0) {
			this.results = [];
			return;
		}
		const controller = new AbortController();
		this.#searching = controller;
		try {
			const page = await request(
				client.inventory.products.$get(
					{ query: { q, limit: '8' } },
					{ init: { signal: controller.signal } }
				)
			);
			this.results = page.items.map((p) => ({
				id: p.id,
				sku: p.sku,
				name: p.name,
				available: p.available
			}));
		} catch (error) {
			if (!(error instanceof DOMException)) throw error;
		}
	}

	add(product: Found, quantity = 1): void {
		const line = this.lines.find((l) => l.productId === product.id);
		if (line) line.quantity += quantity;
		else this.lines.push({ productId: product.id, sku: product.sku, name: product.name, quantity });
		this.query = '';
		this.results = [];
	}

	remove(productId: string): void {
		this.lines = this.lines.filter((l) => l.productId !== productId);
	}
}
