import { Action } from '$lib/ui';
import type { ImportReport } from './types';
import { postWithProgress } from './upload';

const URL = '/api/customers/import';

/**
 * The import screen's state: the chosen file, its dry run (preview, matches, row errors),
 * then the apply. Both send the whole file; the server applies it whole or not at all.
 */
export class CustomerImport {
	file = $state<File | null>(null);
	csv = $state<string | null>(null);
	/** Upload progress, 0–1, while a request is on its way; null when idle. */
	progress = $state<number | null>(null);
	/** The latest answer: a dry run's report, then the applied one. */
	report = $state<ImportReport | null>(null);

	readonly check = new Action(() => this.#send(true));
	readonly apply = new Action(() => this.#send(false));

	get canApply(): boolean {
		const r = this.report;
		return !!r && r.dryRun && r.errorCount === 0 && r.created > 0;
	}

	async choose(file: File | null): Promise<void> {
		this.file = file;
		this.report = null;
		this.check.clear();
		this.apply.clear();
		this.csv = file ? await file.text() : null;
		if (file) await this.check.submit();
	}

	async #send(dryRun: boolean): Promise<ImportReport> {
		if (this.csv === null) throw new Error('no file chosen');
		this.progress = 0;
		try {
			const report = await postWithProgress<ImportReport>(
				URL,
				{ csv: this.csv, dryRun },
				(fraction) => (this.progress = fraction)
			);
			this.report = report;
			return report;
		} finally {
			this.progress = null;
		}
	}
}
