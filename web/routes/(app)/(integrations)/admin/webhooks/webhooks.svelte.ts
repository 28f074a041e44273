import { client } from '$lib/api';
import { request } from '$lib/request';
import { Confirmation } from '$lib/ui';
import { Action } from '$lib/ui/action.svelte';
import type { CreatedEndpoint, Endpoint } from './types';

/**
 * The endpoints page: adding one shows its signing secret once (SecretOnce), then only
 * the endpoint; editing reuses the same form; disabling is confirmed first.
 */
export class Webhooks {
	items = $state<Endpoint[]>([]);
	url = $state('');
	description = $state('');
	events = $state<string[]>(['stock.changed']);
	/** The endpoint being edited, or null when the form adds a new one. */
	editing = $state<Endpoint | null>(null);
	created = $state<CreatedEndpoint | null>(null);
	/** A short line after a test event is queued or a change saved. */
	notice = $state('');
	readonly confirmation = new Confirmation();
	readonly saving = new Action(async () => {
		const json = { url: this.url, description: this.description, events: this.events };
		if (this.editing) {
			const param = { id: this.editing.id };
			const saved = await request(client.webhooks.endpoints[':id'].$patch({ param, json }));
			this.replace(saved);
			this.notice = `Saved ${saved.url}`;
		} else {
			const created = await request(client.webhooks.endpoints.$post({ json }));
			this.created = created;
			const { secret: _secret, ...endpoint } = created;
			this.items = [endpoint, ...this.items];
		}
		this.editing = null;
		return true;
	});

	reset(items: Endpoint[]): void {
		this.items = items;
	}

	startAdd(): void {
		this.editing = null;
		this.url = '';
		this.description = '';
		this.events = ['stock.changed'];
		this.saving.clear();
	}

	startEdit(endpoint: Endpoint): void {
		this.editing = endpoint;
		this.url = endpoint.url;
		this.description = endpoint.description;
		this.events = [...endpoint.events];
		this.saving.clear();
	}

	async save(): Promise<boolean> {
		return (await this.saving.submit()) ?? false;
	}

	dismiss(): void {
		this.created = null;
	}

	async sendTest(endpoint: Endpoint): Promise<void> {
		const param = { id: endpoint.id };
		await request(client.webhooks.endpoints[':id'].test.$post({ param }));
		this.notice = `Test event queued for ${endpoint.url}: it is sent within a minute.`;
	}

	askToggle(endpoint: Endpoint): void {
		const param = { id: endpoint.id };
		const toggle = async () =>
			this.replace(
				await request(
					client.webhooks.endpoints[':id'].$patch({ param, json: { active: !endpoint.active } })
				)
			);
		if (!endpoint.active) return void toggle();
		this.confirmation.ask({
			title: `Disable ${endpoint.url}?`,
			message:
				'It gets no new events while disabled; unsent deliveries wait until it is enabled again.',
			confirmLabel: 'Disable',
			run: toggle
		});
	}

	private replace(endpoint: Endpoint): void {
		this.items = this.items.map((item) => (item.id === endpoint.id ? endpoint : item));
	}
}
