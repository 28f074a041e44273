import type { StaffUser } from '../auth/session.svelte';
import { deleteOfflineDb } from './offline-store';
import { deviceLock } from './device-lock.svelte';
import { rememberPassword } from './offline-unlock';

// What the rest of the app asks of this device's offline state, in one place.

const REMEMBERED = 'ordo.session';

/**
 * The person this device was last confirmed for, and whether its screen is locked.
 * For the outbox: an item is sent only when the session's person is the one who
 * queued it AND the session is confirmed by the server (session.user, not
 * session.unconfirmed); a locked device sends nothing a person could not see.
 */
export function currentDeviceUser(): { id: string; email: string; locked: boolean } | null {
	try {
		const raw = localStorage.getItem(REMEMBERED);
		const user = raw ? (JSON.parse(raw) as { user: StaffUser }).user : null;
		return user ? { id: user.id, email: user.email, locked: deviceLock.locked } : null;
	} catch {
		return null;
	}
}

/**
 * The server accepted this person's password and opened a full session (no second
 * factor due): unlock the screen and keep a verifier for unlocking offline.
 */
export function signedInOnline(user: StaffUser, password: string | null): void {
	deviceLock.unlock();
	deviceLock.oweSignOut(false);
	if (password) void rememberPassword(user.id, password);
}

/**
 * The person signed out: delete every verifier and last-known copy on this device
 * and the lock's state. Queued work is the outbox's own database and stays.
 */
export async function signedOut(): Promise<void> {
	deviceLock.reset();
	await deleteOfflineDb().catch(() => undefined);
}

/** Asks the browser not to evict what is stored (the outbox, the snapshot) under pressure. */
export async function requestPersistence(): Promise<boolean> {
	try {
		return (
			(await navigator.storage?.persisted?.()) || (await navigator.storage?.persist?.()) || false
		);
	} catch {
		return false;
	}
}

export type StorageUse = { usage: number; quota: number; persisted: boolean };

export async function storageUse(): Promise<StorageUse | null> {
	if (!navigator.storage?.estimate) return null;
	const [estimate, persisted] = await Promise.all([
		navigator.storage.estimate(),
		navigator.storage.persisted?.() ?? Promise.resolve(false)
	]);
	return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
}
