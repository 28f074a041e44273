import { isSignedOut } from '../request';
import { idle } from './idle.svelte';

/**
 * For pages where a person may have typed something not yet saved: a 401 asks for
 * the password over the page (IdleWarning shows ReauthDialog) instead of leaving it,
 * so the form is still filled in afterwards. Returns true when the session had ended.
 */
export function reauthIfSignedOut(error: unknown): boolean {
	if (!isSignedOut(error)) return false;
	idle.end();
	return true;
}
