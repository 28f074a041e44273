import { invalidate } from '$app/navigation';
import { client } from '$lib/api';
import { request } from '$lib/request';
import { Action } from '$lib/ui';
import { customerSearch } from '../customer-search.svelte';
import type { CustomerProfile } from '../types';

export type Adding = 'email' | 'phone' | 'address';
export type Channel = CustomerProfile['consents'][number]['channel'];

/** The profile's changes: each an Action (busy, problem, field errors), then a reload. */
export class ProfileEdits {
	readonly #id: () => string;
	constructor(id: () => string) {
		this.#id = id;
	}

	async #changed(profile: CustomerProfile): Promise<void> {
		const { id, name, email, phone } = profile;
		customerSearch.update({ id, name, email, phone });
		await invalidate('app:customer');
	}

	readonly save = new Action(
		async (version: number, fields: Record<string, string | string[] | null>) => {
			const json = { expectVersion: version, ...fields };
			await this.#changed(
				await request(client.customers[':id'].$patch({ param: { id: this.#id() }, json }))
			);
		}
	);

	readonly add = new Action(async (kind: Adding, fields: Record<string, string>) => {
		const param = { id: this.#id() };
		const profile =
			kind === 'email'
				? await request(
						client.customers[':id'].emails.$post({ param, json: { email: fields.email ?? '' } })
					)
				: kind === 'phone'
					? await request(
							client.customers[':id'].phones.$post({
								param,
								json: { phone: fields.phone ?? '', kind: (fields.kind ?? 'mobile') as 'mobile' }
							})
						)
					: await request(
							client.customers[':id'].addresses.$post({
								param,
								json: {
									kind: fields.kind === 'billing' ? 'billing' : 'shipping',
									line1: fields.line1 ?? '',
									line2: fields.line2 || null,
									city: fields.city || null,
									postalCode: fields.postalCode || null,
									country: fields.country ?? ''
								}
							})
						);
		await this.#changed(profile);
	});

	readonly remove = new Action(async (kind: Adding, childId: string) => {
		const param = { id: this.#id(), childId };
		const route = { email: 'emails', phone: 'phones', address: 'addresses' } as const;
		await this.#changed(
			await request(client.customers[':id'][route[kind]][':childId'].$delete({ param }))
		);
	});

	readonly consent = new Action(async (channel: Channel, granted: boolean, source: string) => {
		await this.#changed(
			await request(
				client.customers[':id'].consents[':channel'].$put({
					param: { id: this.#id(), channel },
					json: { granted, source }
				})
			)
		);
	});
}
