import type { SignInStep } from '$lib/auth/mfa-href';
import { session } from '$lib/auth/session.svelte';
import { ApiProblem, type Problem } from '$lib/problem';

/** The sign-in form: what was typed, whether it is on its way, what the API said. */
export class SignInForm {
	email = $state('');
	password = $state('');
	busy = $state(false);
	problem = $state<Problem | null>(null);
	/** What is still due after the password (a second factor, a new password), if any. */
	step = $state<SignInStep | null>(null);

	fieldErrors(name: 'email' | 'password'): string[] {
		return this.problem?.errors?.[name] ?? [];
	}

	/** Resolves true once the session cookie is set. */
	async submit(): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.problem = null;
		try {
			const state = await session.signIn({ email: this.email, password: this.password });
			if (state === 'mfa_verify' || state === 'mfa_enroll' || state === 'change_password')
				this.step = state;
			if (state !== 'signed-out') return true;
			this.problem = session.refusal ?? {
				type: 'about:blank',
				title: 'Signed in, but the session was refused. Try again.',
				status: 401
			};
			return false;
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
			// A refused password is typed again from scratch; the email stays.
			if (error.status === 401) this.password = '';
			return false;
		} finally {
			this.busy = false;
		}
	}
}
