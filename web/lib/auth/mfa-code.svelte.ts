import { client } from '../api';
import { ApiProblem, type Problem } from '../problem';
import { request } from '../request';
import { markSlid } from './activity';

export type MfaOutcome = 'signed-in' | 'retry' | 'signed-out' | 'not-set-up';

/**
 * The second step of signing in: a code from the authenticator app, or one of the
 * recovery codes. Used by the MFA page and by signing in again over a page whose
 * session ended (ReauthDialog).
 */
export class MfaCodeForm {
	code = $state('');
	/** Typing a recovery code instead of the app's 6 digits. */
	recovery = $state(false);
	busy = $state(false);
	problem = $state<Problem | null>(null);

	get errors(): string[] {
		return this.problem?.errors?.code ?? [];
	}

	useRecovery(on: boolean): void {
		this.recovery = on;
		this.code = '';
		this.problem = null;
	}

	async submit(): Promise<MfaOutcome> {
		if (this.busy) return 'retry';
		this.busy = true;
		this.problem = null;
		try {
			await request(client.auth.mfa.verify.$post({ json: { code: this.code.trim() } }));
			// The answer carries a new session cookie, so its idle time starts now.
			markSlid();
			return 'signed-in';
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			return this.#refused(error);
		} finally {
			this.busy = false;
		}
	}

	#refused(error: ApiProblem): MfaOutcome {
		const type = error.problem.type;
		if (type.endsWith(':mfa-not-needed')) return 'signed-in';
		if (type.endsWith(':mfa-not-set-up')) return 'not-set-up';
		this.problem = error.problem;
		// A wrong code (401 mfa-failed) leaves the half-signed-in session in place; any
		// other 401 means it is gone (expired, or removed by the lockout after 10 tries).
		if (error.status === 401 && !type.endsWith(':mfa-failed')) return 'signed-out';
		if (error.status === 401) this.code = '';
		return 'retry';
	}
}
