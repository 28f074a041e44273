const KEY = 'ordo.device-id';

/**
 * This phone's id, kept across sessions, so two phones counting the same bin are told
 * apart by the server (a person may count on two devices; two people on one).
 */
export function deviceId(): string {
	try {
		let id = localStorage.getItem(KEY);
		if (!id) {
			id = `web-${crypto.randomUUID()}`;
			localStorage.setItem(KEY, id);
		}
		return id;
	} catch {
		return 'web-unknown';
	}
}

/** When the item was counted, on this phone's clock (the server corrects it with Ordo-Sent-At). */
export function countedNow(): string {
	return new Date().toISOString();
}
