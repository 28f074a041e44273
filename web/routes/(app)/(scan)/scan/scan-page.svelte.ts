import { ApiProblem } from '$lib/problem';
import { describeMatch, lookupCode, unknownMessage, type ScanResult } from '$lib/scan/lookup';
import type { Scan, ScanOutcome } from '$lib/scan/scanner.svelte';

/** The /scan screen: the last code looked up and what it named, shown in place. */
export class ScanPage {
	result = $state<ScanResult | null>(null);

	async show(scan: Scan): Promise<ScanOutcome> {
		try {
			this.result = await lookupCode(scan.code);
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			this.result = null;
			return { tone: 'wrong', message: `${scan.code}: ${error.problem.title}` };
		}
		const match = this.result.matches[0];
		if (!match) return { tone: 'wrong', message: unknownMessage(scan.code) };
		return { tone: 'ok', message: describeMatch(match) };
	}
}
