import { client } from '$lib/api';
import { request } from '$lib/request';

/**
 * The nav badge on "Low stock": how many alerts are open. One cheap indexed count
 * (GET /api/purchasing/alerts/count), read again on each navigation; a failure keeps
 * the last figure (the badge is a hint, never a blocker).
 */
export class LowStockCount {
	open = $state(0);

	async refresh(): Promise<void> {
		try {
			this.open = (await request(client.purchasing.alerts.count.$get())).open;
		} catch {
			// Offline or signed out: keep what was shown.
		}
	}
}

export const lowStockCount = new LowStockCount();
