import { client } from '$lib/api';
import { markSlid } from '$lib/auth/activity';
import { session } from '$lib/auth/session.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';

type Field = 'currentPassword' | 'newPassword';

/**
 * The step after signing in with a password someone else chose (a temporary one from
 * an admin, or a new account's first): the person picks their own (PCI DSS 8.3.5).
 */
export class NewPasswordForm {
	currentPassword = $state('');
	newPassword = $state('');
	busy = $state(false);
	problem = $state<Problem | null>(null);
	/** The session ended meanwhile (idle, or locked after wrong passwords): sign in again. */
	ended = $state(false);

	fieldErrors(field: Field): string[] {
		return this.problem?.errors?.[field] ?? [];
	}

	/** Resolves true once the new password is set and the session is a full one. */
	async submit(): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.problem = null;
		try {
			const json = { currentPassword: this.currentPassword, newPassword: this.newPassword };
			await request(client.auth.password.$post({ json }));
			markSlid();
			if ((await session.refresh()) !== 'signed-in') return false;
			session.signedInWith(json.newPassword);
			return true;
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
			this.ended = error.status === 401;
			if (error.problem.errors?.currentPassword) this.currentPassword = '';
			return false;
		} finally {
			this.busy = false;
		}
	}
}
