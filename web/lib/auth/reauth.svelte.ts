import { client } from '../api';
import { ApiProblem, type Problem } from '../problem';
import { request } from '../request';
import { markSlid } from './activity';
import { MfaCodeForm } from './mfa-code.svelte';

export type ReauthOutcome = 'signed-in' | 'code' | 'enroll' | 'retry';

/**
 * Signing the same person in again over the page whose session ended, so what they
 * were doing stays on screen. The email is fixed: someone else signing in here would
 * inherit the page (and anything unsaved on it) of the person before.
 */
export class Reauth {
	step = $state<'password' | 'code'>('password');
	password = $state('');
	busy = $state(false);
	problem = $state<Problem | null>(null);
	readonly mfa = new MfaCodeForm();

	constructor(readonly email: string) {}

	get errors(): string[] {
		return this.problem?.errors?.password ?? [];
	}

	async signIn(): Promise<ReauthOutcome> {
		if (this.busy) return 'retry';
		this.busy = true;
		this.problem = null;
		try {
			const { next } = await request(
				client.auth['sign-in'].$post({ json: { email: this.email, password: this.password } })
			);
			markSlid();
			this.password = '';
			if (next === 'mfa_verify') this.step = 'code';
			return next === 'mfa_verify' ? 'code' : next === 'mfa_enroll' ? 'enroll' : 'signed-in';
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
			if (error.status === 401) this.password = '';
			return 'retry';
		} finally {
			this.busy = false;
		}
	}
}
