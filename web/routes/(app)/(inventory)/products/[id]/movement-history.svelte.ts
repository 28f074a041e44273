import { client } from '$lib/api';
import { withReauth } from '$lib/auth/gate.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import type { ProductDetail } from '../types';

type Movement = ProductDetail['movements'][number];
export const MOVEMENT_KINDS = [
	'receipt',
	'reservation',
	'release',
	'shipment',
	'return_restock',
	'adjustment',
	'count',
	'transfer_out',
	'transfer_in'
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/**
 * A product's movements on its page: the newest arrive with the product; "show older"
 * and the kind filter page the API's keyset cursor, so receipts can be found under a
 * season of reservations.
 */
export class MovementHistory {
	items = $state<Movement[]>([]);
	nextCursor = $state<string | null>(null);
	kind = $state<MovementKind | ''>('');
	loading = $state(false);
	problem = $state<Problem | null>(null);
	#productId: string;

	constructor(product: Pick<ProductDetail, 'id' | 'movements' | 'movementsNextCursor'>) {
		this.#productId = product.id;
		this.items = product.movements;
		this.nextCursor = product.movementsNextCursor;
	}

	/** Only this kind (or all with ''), from the newest. */
	async filter(kind: MovementKind | ''): Promise<void> {
		this.kind = kind;
		await this.#load(null);
	}

	/** The page before the oldest one shown, appended. */
	async older(): Promise<void> {
		if (this.nextCursor) await this.#load(this.nextCursor);
	}

	async #load(cursor: string | null): Promise<void> {
		const kind = this.kind;
		this.loading = true;
		try {
			const page = await withReauth(() =>
				request(
					client.inventory.products[':id'].movements.$get({
						param: { id: this.#productId },
						query: { ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) }
					})
				)
			);
			if (kind !== this.kind) return; // the filter changed while this page was on its way
			this.items = cursor ? [...this.items, ...page.items] : page.items;
			this.nextCursor = page.nextCursor;
			this.problem = null;
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
		} finally {
			this.loading = false;
		}
	}
}
