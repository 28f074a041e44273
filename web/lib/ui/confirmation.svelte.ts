import { Action } from './action.svelte';

export type ConfirmRequest = {
	title: string;
	message: string;
	confirmLabel: string;
	/** The change itself; an ApiProblem it throws is shown in the dialog. */
	run: () => Promise<void>;
};

/**
 * One question at a time ("Disable Sam Lee?") before a change that is hard to undo.
 * The dialog stays open while the change runs, and shows the API's answer if it fails.
 */
export class Confirmation {
	request = $state<ConfirmRequest | null>(null);
	readonly #action = new Action(async (request: ConfirmRequest) => {
		await request.run();
		return true;
	});

	get busy(): boolean {
		return this.#action.busy;
	}

	get problem() {
		return this.#action.problem;
	}

	ask(request: ConfirmRequest): void {
		this.request = request;
		this.#action.clear();
	}

	cancel(): void {
		if (!this.busy) this.request = null;
	}

	async confirm(): Promise<void> {
		if (!this.request) return;
		if (await this.#action.submit(this.request)) this.request = null;
	}
}
