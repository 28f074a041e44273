import { client } from '$lib/api';
import { request } from '$lib/request';
import { Action } from '$lib/ui/action.svelte';
import type { Delivery } from '../types';

/** One endpoint's deliveries: filter by status, page older ones, replay one. */
export class DeliveryLog {
	items = $state<Delivery[]>([]);
	nextCursor = $state<string | null>(null);
	status = $state<'' | Delivery['status']>('');
	endpointId = '';
	readonly loading = new Action(async (more: boolean) => {
		const query = {
			...(this.status ? { status: this.status } : {}),
			...(more && this.nextCursor ? { cursor: this.nextCursor } : {})
		};
		const page = await request(
			client.webhooks.endpoints[':id'].deliveries.$get({ param: { id: this.endpointId }, query })
		);
		this.items = more ? [...this.items, ...page.items] : page.items;
		this.nextCursor = page.nextCursor;
	});
	readonly replaying = new Action(async (delivery: Delivery) => {
		const replayed = await request(
			client.webhooks.deliveries[':id'].replay.$post({ param: { id: delivery.id } })
		);
		this.items = this.items.map((item) => (item.id === replayed.id ? replayed : item));
	});

	reset(endpointId: string, items: Delivery[], nextCursor: string | null): void {
		this.endpointId = endpointId;
		this.items = items;
		this.nextCursor = nextCursor;
	}
}
