import { client } from '$lib/api';
import { markSlid } from '$lib/auth/activity';
import { session } from '$lib/auth/session.svelte';
import { reauthIfSignedOut } from '$lib/auth/signed-out';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';

type Field = 'currentPassword' | 'newPassword';

/**
 * Changing one's own password. The current one is asked again (OWASP ASVS V6.2.3);
 * the API ends every other session and gives this one a new token.
 */
export class ChangePasswordForm {
	currentPassword = $state('');
	newPassword = $state('');
	busy = $state(false);
	problem = $state<Problem | null>(null);
	changed = $state(false);

	fieldErrors(field: Field): string[] {
		return this.problem?.errors?.[field] ?? [];
	}

	async submit(): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.problem = null;
		this.changed = false;
		try {
			const json = { currentPassword: this.currentPassword, newPassword: this.newPassword };
			await request(client.auth.password.$post({ json }));
			markSlid();
			// The offline unlock follows the new password at once.
			session.signedInWith(json.newPassword);
			this.currentPassword = '';
			this.newPassword = '';
			this.changed = true;
			return true;
		} catch (error) {
			reauthIfSignedOut(error);
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
			if (error.problem.errors?.currentPassword) this.currentPassword = '';
			return false;
		} finally {
			this.busy = false;
		}
	}
}
