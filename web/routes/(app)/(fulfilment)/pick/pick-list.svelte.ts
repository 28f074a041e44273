import { client } from '$lib/api';
import { lastKnownPickList } from '$lib/offline/last-known';
import { request } from '$lib/request';
import { ApiProblem, type Problem } from '$lib/problem';
import type { PickListOrder } from './types';

const LOCATION_KEY = 'ordo.pick.location';

/** The location a picker works at (kept on this phone) and its orders to pick, page by page. */
export class PickListState {
	locationId = $state<string | null>(null);
	items = $state<PickListOrder[]>([]);
	nextCursor = $state<string | null>(null);
	loading = $state(false);
	problem = $state<Problem | null>(null);
	/** Set while the list shown is this device's last-known copy (no network): when read. */
	offlineAsOf = $state<string | null>(null);

	constructor(locationIds: string[]) {
		const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(LOCATION_KEY);
		this.locationId = saved && locationIds.includes(saved) ? saved : (locationIds[0] ?? null);
	}

	async choose(locationId: string): Promise<void> {
		this.locationId = locationId;
		localStorage.setItem(LOCATION_KEY, locationId);
		await this.load();
	}

	async load(more = false): Promise<void> {
		if (!this.locationId) return;
		this.loading = true;
		this.problem = null;
		try {
			const query = {
				locationId: this.locationId,
				...(more && this.nextCursor ? { after: this.nextCursor } : {})
			};
			const page = await request(client.fulfilment['pick-list'].$get({ query }));
			this.items = more ? [...this.items, ...page.items] : page.items;
			this.nextCursor = page.nextCursor;
			this.offlineAsOf = null;
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			const known = error.status === 0 && !more && (await lastKnownPickList(this.locationId));
			if (known) {
				this.items = known.value;
				this.nextCursor = null;
				this.offlineAsOf = known.asOf;
				return;
			}
			this.problem = error.problem;
		} finally {
			this.loading = false;
		}
	}
}
