import { forEachCandidatePair } from './blocking';
import type { Prepared } from './prepare';
import { quickScore, scorePair } from './score';

export interface FoundPair {
	/** The lower id of the pair, so a pair has one spelling. */
	a: string;
	b: string;
	score: number;
	reasons: string[];
}

export interface ScanResult {
	pairs: FoundPair[];
	comparisons: number;
}

/** Scores the blocked neighbours of every customer and keeps the pairs at or above minScore. */
export function scanForDuplicates(records: readonly Prepared[], minScore: number): ScanResult {
	const found = new Map<string, FoundPair>();
	const comparisons = forEachCandidatePair(records, (i, j) => {
		let x = records[i]!;
		let y = records[j]!;
		if (y.id < x.id) [x, y] = [y, x];
		// Most neighbours fall short: score them without words, and only the few that pass
		// get their reasons (and a key to find a pair two passes both bring together).
		if (quickScore(x, y, minScore) < 0) return;
		const key = `${x.id}\u0000${y.id}`;
		if (found.has(key)) return;
		const match = scorePair(x, y);
		if (match.score >= minScore) found.set(key, { a: x.id, b: y.id, ...match });
	});
	const pairs = [...found.values()].sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : 1));
	return { pairs, comparisons };
}
