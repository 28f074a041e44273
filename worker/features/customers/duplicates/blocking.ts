import type { Prepared } from './prepare';

/**
 * Sorted neighbourhood over several blocking keys (Hernández & Stolfo): each pass sorts the
 * customers by one key and compares each with the next WINDOW - 1 that share its block.
 * Never all pairs: at most PASSES.length × (WINDOW - 1) comparisons per customer.
 */
export const WINDOW = 8;

interface Pass {
	name: string;
	/** The blocks a customer falls in, each with what orders it inside the block. */
	keys: (p: Prepared) => [block: string, order: string][];
}

const byName = (p: Prepared) => `${p.family} ${p.given}`;

export const PASSES: readonly Pass[] = [
	{ name: 'email', keys: (p) => p.emails.map((e) => [e, '']) },
	{ name: 'phone', keys: (p) => p.phones.map((t) => [t, '']) },
	{
		// Sorted codes, so swapped given and family names share the block.
		name: 'name sound',
		keys: (p) =>
			p.givenSound || p.familySound
				? [[[p.givenSound, p.familySound].sort().join(' '), p.postcodes[0] ?? p.dob ?? '']]
				: []
	},
	{ name: 'postcode', keys: (p) => p.postcodes.map((c) => [c, byName(p)]) },
	{ name: 'date of birth', keys: (p) => (p.dob ? [[p.dob, p.familySound + p.givenSound]] : []) },
	{
		// A changed email domain keeps the name before the @.
		name: 'email name',
		keys: (p) =>
			p.emails
				.map((e) => e.slice(0, e.lastIndexOf('@')))
				.filter((local) => local.length >= 5)
				.map((local) => [local, byName(p)])
	}
];

/** The most comparisons a scan of n customers may make (the ceiling is 50·n). */
export const comparisonBudget = (n: number) => n * PASSES.length * (WINDOW - 1);

/**
 * Calls compare(i, j) for each neighbouring pair of each pass (i, j index `records`).
 * A pair two passes both find is compared twice: remembering every pair of a million
 * customers costs more memory than comparing again, and the caller keeps the best.
 * Returns the number of comparisons made.
 */
export function forEachCandidatePair(
	records: readonly Prepared[],
	compare: (i: number, j: number) => void
): number {
	let comparisons = 0;
	for (const pass of PASSES) {
		const entries: { key: string; block: string; index: number }[] = [];
		records.forEach((record, index) => {
			for (const [block, order] of pass.keys(record))
				entries.push({ key: `${block}\u0000${order}`, block, index });
		});
		entries.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
		for (let i = 0; i < entries.length; i++) {
			const a = entries[i]!;
			for (let j = i + 1; j < entries.length && j < i + WINDOW; j++) {
				const b = entries[j]!;
				if (b.block !== a.block) break;
				if (b.index === a.index) continue;
				comparisons++;
				compare(a.index, b.index);
			}
		}
	}
	return comparisons;
}
