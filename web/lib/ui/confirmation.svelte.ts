import type { Problem } from '../problem';
import { ApiProblem } from '../problem';

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
	busy = $state(false);
	problem = $state<Problem | null>(null);

	ask(request: ConfirmRequest): void {
		this.request = request;
		this.problem = null;
	}

	cancel(): void {
		if (!this.busy) this.request = null;
	}

	async confirm(): Promise<void> {
		if (!this.request || this.busy) return;
		this.busy = true;
		try {
			await this.request.run();
			this.request = null;
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
		} finally {
			this.busy = false;
		}
	}
}
