import { client } from '$lib/api';
import type { Permission } from '$lib/auth/permission';
import { request } from '$lib/request';
import { Confirmation } from '$lib/ui';
import { Action } from '$lib/ui/action.svelte';
import type { ApiKeySummary, CreatedApiKey, NewKeyInput } from './types';

/**
 * The integration keys (PCI DSS 8.6): a new key is shown once, here, and only its
 * prefix afterwards; revoking is for good, so it is confirmed first.
 */
export class ApiKeys {
	items = $state<ApiKeySummary[]>([]);
	name = $state('');
	permissions = $state<Permission[]>([]);
	/** The key just created, until the person has copied it and dismissed it. */
	created = $state<CreatedApiKey | null>(null);
	readonly confirmation = new Confirmation();
	readonly creating = new Action(async () => {
		// The checkboxes only offer names from the API's own permission map.
		const json = { name: this.name, permissions: this.permissions } as NewKeyInput;
		const created = await request(client.integrations['api-keys'].$post({ json }));
		this.created = created;
		// The list keeps the summary only: the secret lives in `created` until dismissed.
		const { key: _key, ...summary } = created;
		this.items = [summary, ...this.items];
		this.name = '';
		this.permissions = [];
		return true;
	});

	get busy(): boolean {
		return this.creating.busy;
	}

	get problem() {
		return this.creating.problem;
	}

	reset(items: ApiKeySummary[]): void {
		this.items = items;
	}

	fieldErrors(field: 'name' | 'permissions'): string[] {
		return this.creating.fieldErrors(field);
	}

	async create(): Promise<boolean> {
		return (await this.creating.submit()) ?? false;
	}

	/** The key has been copied: it is never shown again. */
	dismiss(): void {
		this.created = null;
	}

	askRevoke(key: ApiKeySummary): void {
		this.confirmation.ask({
			title: `Revoke "${key.name}"?`,
			message: `Anything using the key ${key.prefix}… is refused from now on. This cannot be undone.`,
			confirmLabel: 'Revoke key',
			run: async () => {
				const param = { id: key.id };
				const revoked = await request(
					client.integrations['api-keys'][':id'].revoke.$post({ param })
				);
				this.items = this.items.map((item) => (item.id === revoked.id ? revoked : item));
			}
		});
	}
}
