import { ApiProblem } from '../problem';
import { idle } from './idle.svelte';

/**
 * Why the API wants the person's password again:
 * - expired: the session ended (15 idle minutes, PCI DSS 8.2.8), answered 401;
 * - step-up: the session is fine but too old for this change (creating staff, changing
 *   roles, resetting MFA, temporary passwords, API keys), answered 403 reauth-required.
 */
export type ReauthReason = 'expired' | 'step-up';

const STEP_UP = 'urn:ordo:problem:reauth-required';

export function reauthReason(error: unknown): ReauthReason | null {
	if (!(error instanceof ApiProblem)) return null;
	if (error.status === 401) return 'expired';
	if (error.status === 403 && error.problem.type === STEP_UP) return 'step-up';
	return null;
}

/** The person closed the step-up dialog instead of confirming: the change is not made. */
export class ReauthCancelled extends ApiProblem {
	constructor() {
		super({
			type: 'urn:ordo:problem:reauth-cancelled',
			title: 'Not changed',
			status: 403,
			detail: 'Ordo needs your password again before this change. Nothing was changed.'
		});
	}
}

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

/**
 * The one 401 policy (STYLE 14): ask for the password over the page and carry on, so
 * nothing on screen is lost. Every call that may meet a 401 goes through `withReauth`;
 * the dialog itself is shown by IdleWarning (expired) or StepUpDialog (step-up).
 */
class ReauthGate {
	/** Set while a step-up is asked for; an ended session shows through `idle` instead. */
	stepUp = $state(false);
	#waiting: Waiter[] = [];

	/** Resolves once the person has signed in again; rejects if they decline a step-up. */
	ask(reason: ReauthReason): Promise<void> {
		const waiting = new Promise<void>((resolve, reject) => this.#waiting.push({ resolve, reject }));
		if (reason === 'expired') idle.end();
		else this.stepUp = true;
		return waiting;
	}

	/** Signed in again: every call that waited is sent once more. */
	done(): void {
		this.stepUp = false;
		for (const waiter of this.#waiting.splice(0)) waiter.resolve();
	}

	cancel(): void {
		this.stepUp = false;
		for (const waiter of this.#waiting.splice(0)) waiter.reject(new ReauthCancelled());
	}
}

export const reauthGate = new ReauthGate();

/**
 * Runs an API call; a 401 or a step-up refusal asks for the password over the page and
 * runs it once more. Only the first refusal is retried: a second one is shown as it is.
 */
export async function withReauth<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const reason = reauthReason(error);
		if (!reason) throw error;
		await reauthGate.ask(reason);
		return call();
	}
}
