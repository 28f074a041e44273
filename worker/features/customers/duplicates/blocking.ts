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
		const blocks: string[] = [];
		const owners: number[] = [];
		const orders: string[] = [];
		records.forEach((record, index) => {
			for (const [block, order] of pass.keys(record)) {
				blocks.push(block);
				orders.push(order);
				owners.push(index);
			}
		});
		for (const [i, j] of neighbours(blocks, orders)) {
			if (owners[i] === owners[j]) continue;
			comparisons++;
			compare(owners[i]!, owners[j]!);
		}
	}
	return comparisons;
}

/** FNV-1a: a block's 32-bit hash, so sorting compares numbers rather than strings. */
function hash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/**
 * The neighbouring entries of each block: entries sorted by (block, order), then each paired
 * with the next WINDOW - 1 of the same block. The sort compares numbers (the block's hash
 * · 2²¹ + 21 bits of the order's hash), not strings: a million entries sort in about a
 * second. Equal orders stay together; equal block hashes are checked against the block
 * itself, so a collision never joins two blocks.
 */
function* neighbours(blocks: string[], orders: string[]): Generator<[number, number]> {
	const n = blocks.length;
	const keys = new Float64Array(n);
	for (let e = 0; e < n; e++) keys[e] = hash(blocks[e]!) * 2 ** 21 + (hash(orders[e]!) >>> 11);
	const sorted = new Uint32Array(n).map((_, e) => e);
	sorted.sort((x, y) => keys[x]! - keys[y]!);
	for (let i = 0; i < n; i++) {
		const a = sorted[i]!;
		for (let j = i + 1; j < n && j < i + WINDOW; j++) {
			const b = sorted[j]!;
			if (blocks[b] !== blocks[a]) {
				if (keys[b]! - (keys[b]! % 2 ** 21) !== keys[a]! - (keys[a]! % 2 ** 21)) break;
				continue; // a colliding block interleaved: skip it, keep looking within the window
			}
			yield [a, b];
		}
	}
}
