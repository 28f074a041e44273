import { client } from '$lib/api';
import { markSlid } from '$lib/auth/activity';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';

export type EnrolmentStep = 'starting' | 'scan' | 'codes' | 'stopped';
/** Why set-up stopped: the person is already enrolled, must sign in again, or an error. */
export type StopReason = 'enrolled' | 'signed-out' | 'failed';

/**
 * Setting up the authenticator: a new secret to scan, one code to prove it works,
 * then the recovery codes, shown once. The secret and the codes live only in this
 * object; nothing here is stored in the browser.
 */
export class Enrolment {
	step = $state<EnrolmentStep>('starting');
	stopped = $state<StopReason | null>(null);
	secret = $state('');
	uri = $state('');
	code = $state('');
	busy = $state(false);
	problem = $state<Problem | null>(null);
	recoveryCodes = $state<string[]>([]);

	get errors(): string[] {
		return this.problem?.errors?.code ?? [];
	}

	/** Asks for a new secret. Call once per visit: each call replaces the last one. */
	async start(): Promise<void> {
		try {
			const { secret, uri } = await request(client.auth.mfa.enroll.$post());
			this.secret = secret;
			this.uri = uri;
			this.step = 'scan';
		} catch (error) {
			this.#stop(error);
		}
	}

	async confirm(): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.problem = null;
		try {
			const { recoveryCodes } = await request(
				client.auth.mfa.enroll.confirm.$post({ json: { code: this.code.trim() } })
			);
			// The answer carries a fully signed-in session: its idle time starts now.
			markSlid();
			this.recoveryCodes = recoveryCodes;
			this.secret = '';
			this.uri = '';
			this.step = 'codes';
			return true;
		} catch (error) {
			if (!(error instanceof ApiProblem) || error.status === 401) this.#stop(error);
			else {
				// A wrong code (422) is typed again; the secret and QR code stay.
				this.problem = error.problem;
				this.code = '';
			}
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** The person has saved the codes: forget them here. */
	finish(): void {
		this.recoveryCodes = [];
	}

	#stop(error: unknown): void {
		if (!(error instanceof ApiProblem)) throw error;
		this.problem = error.problem;
		this.step = 'stopped';
		this.stopped = error.problem.type.endsWith(':mfa-already-set-up')
			? 'enrolled'
			: error.status === 401
				? 'signed-out'
				: 'failed';
	}
}
