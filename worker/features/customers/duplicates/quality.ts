import type { LabelledSet } from './labelled-set';
import { prepare } from './prepare';
import { scanForDuplicates } from './scan';

export interface Quality {
	precision: number;
	recall: number;
	f1: number;
	truePairs: number;
	proposed: number;
	comparisons: number;
	records: number;
}

/** Precision, recall and F1 of a full scan of a labelled set at one threshold. */
export function measureQuality(set: LabelledSet, minScore: number): Quality {
	const { pairs, comparisons } = scanForDuplicates(set.records.map(prepare), minScore);
	const hits = pairs.filter((p) => set.duplicates.has(`${p.a}\u0000${p.b}`)).length;
	const precision = pairs.length ? hits / pairs.length : 1;
	const recall = set.duplicates.size ? hits / set.duplicates.size : 1;
	const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
	return {
		precision,
		recall,
		f1,
		truePairs: set.duplicates.size,
		proposed: pairs.length,
		comparisons,
		records: set.records.length
	};
}
