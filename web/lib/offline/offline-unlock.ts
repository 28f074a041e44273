import { readOne, removeOne, writeAll } from './offline-store';
import { afterFailure, MAX_OFFLINE_FAILURES, waitBeforeAttempt } from './unlock-limit';
import { checkPassword, deriveVerifier, type Verifier } from './verifier';

type Stored = { userId: string; verifier: Verifier; failures: number; nextTryAt: number };

export type UnlockResult =
	| { outcome: 'unlocked' }
	| { outcome: 'wrong'; triesLeft: number; waitMs: number }
	| { outcome: 'wait'; waitMs: number }
	/** No verifier (never signed in online here, a second factor, or wiped): sign in online. */
	| { outcome: 'online-only'; wiped: boolean };

/**
 * Keeps a verifier of the password this person just signed in with online, for the
 * offline unlock. Called only after the server accepted the password and opened a
 * full session without a second factor: an account with MFA (managers, admins) must
 * not unlock on one factor, so it never gets one. Failures are never thrown: the
 * sign-in has succeeded, and at worst the person needs the network to unlock.
 */
export async function rememberPassword(userId: string, password: string): Promise<void> {
	try {
		const verifier = await deriveVerifier(password);
		await writeAll('verifiers', [{ userId, verifier, failures: 0, nextTryAt: 0 } satisfies Stored]);
	} catch {
		// No IndexedDB (private mode) or no WebCrypto: the offline unlock is not offered.
	}
}

export async function forgetPassword(userId: string): Promise<void> {
	await removeOne('verifiers', userId).catch(() => undefined);
}

export async function canUnlockOffline(userId: string): Promise<boolean> {
	return (await readOne<Stored>('verifiers', userId).catch(() => undefined)) !== undefined;
}

/**
 * Checks the password on the device. The failure is written BEFORE the slow check and
 * taken back only when it passes, so closing the app mid-check gives no free attempt.
 */
export async function unlockOffline(userId: string, password: string): Promise<UnlockResult> {
	const stored = await readOne<Stored>('verifiers', userId);
	if (!stored) return { outcome: 'online-only', wiped: false };
	const now = Date.now();
	const waitMs = waitBeforeAttempt(stored, now);
	if (waitMs > 0) return { outcome: 'wait', waitMs };
	const failed = afterFailure(stored, now);
	if (failed.wipe) await removeOne('verifiers', userId);
	else await writeAll('verifiers', [{ ...stored, ...failed.state }]);

	if (await checkPassword(password, stored.verifier)) {
		await writeAll('verifiers', [{ ...stored, failures: 0, nextTryAt: 0 }]);
		return { outcome: 'unlocked' };
	}
	if (failed.wipe) return { outcome: 'online-only', wiped: true };
	return {
		outcome: 'wrong',
		triesLeft: MAX_OFFLINE_FAILURES - failed.state.failures,
		waitMs: waitBeforeAttempt(failed.state, now)
	};
}
