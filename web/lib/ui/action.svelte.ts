import { withReauth } from '../auth/gate.svelte';
import { ApiProblem, type Problem } from '../problem';

/**
 * The busy / problem / submit dance every form repeats (STYLE 14), in one place:
 * one submission at a time, the API's problem kept for the form to show (title above,
 * `errors` beside the fields), and a 401 or step-up answered by signing in again over
 * the page, then sending once more. Resolves to the run's result, or undefined if refused.
 */
export class Action<Args extends unknown[], Result> {
	busy = $state(false);
	problem = $state<Problem | null>(null);
	readonly #run: (...args: Args) => Promise<Result>;

	constructor(run: (...args: Args) => Promise<Result>) {
		this.#run = run;
	}

	fieldErrors(name: string): string[] {
		return this.problem?.errors?.[name] ?? [];
	}

	clear(): void {
		this.problem = null;
	}

	async submit(...args: Args): Promise<Result | undefined> {
		if (this.busy) return undefined;
		this.busy = true;
		this.problem = null;
		try {
			return await withReauth(() => this.#run(...args));
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
			return undefined;
		} finally {
			this.busy = false;
		}
	}
}
