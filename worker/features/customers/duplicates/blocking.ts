import type { Prepared } from './prepare';

/**
 * Sorted neighbourhood over several blocking keys (Hernández & Stolfo): each pass sorts the
 * customers by one key and compares each with the next WINDOW - 1 that share its block.
 * Never all pairs: at most PASSES.length × (WINDOW - 1) comparisons per customer.
 */
export const WINDOW = 8;

interface Pass {
	name: string;
	/** Calls add once per block the customer falls in, with what orders it inside the block. */
	keys: (p: Prepared, add: (block: string, order: string) => void) => void;
}

const byName = (p: Prepared) => `${p.family} ${p.given}`;

export const PASSES: readonly Pass[] = [
	{ name: 'email', keys: (p, add) => p.emails.forEach((e) => add(e, '')) },
	{ name: 'phone', keys: (p, add) => p.phones.forEach((t) => add(t, '')) },
	{
		// Sorted codes, so swapped given and family names share the block.
		name: 'name sound',
		keys: (p, add) => {
			if (!p.givenSound && !p.familySound) return;
			const sounds =
				p.givenSound < p.familySound
					? `${p.givenSound} ${p.familySound}`
					: `${p.familySound} ${p.givenSound}`;
			add(sounds, p.postcodes[0] ?? p.dob ?? '');
		}
	},
	{
		name: 'postcode',
		keys: (p, add) => {
			if (!p.postcodes.length) return;
			const name = byName(p);
			for (const c of p.postcodes) add(c, name);
		}
	},
	{
		name: 'date of birth',
		keys: (p, add) => {
			if (p.dob) add(p.dob, p.familySound + p.givenSound);
		}
	},
	{
		// A changed email domain keeps the name before the @.
		name: 'email name',
		keys: (p, add) => {
			for (const local of p.emailNames) if (local.length >= 5) add(local, byName(p));
		}
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
		const orders: number[] = [];
		const owners: number[] = [];
		let owner = 0;
		const add = (block: string, order: string) => {
			blocks.push(block);
			orders.push(hash(order) >>> 11);
			owners.push(owner);
		};
		for (; owner < records.length; owner++) pass.keys(records[owner]!, add);
		comparisons += neighbours(blocks, orders, (a, b) => {
			if (owners[a] === owners[b]) return false;
			compare(owners[a]!, owners[b]!);
			return true;
		});
	}
	return comparisons;
}

/** FNV-1a: a string's 32-bit hash, so sorting compares numbers rather than strings. */
function hash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

const DIGIT = 11;
const BUCKETS = 1 << DIGIT;

/** One stable counting-sort pass of `from` into `to` by 11 bits of key, from bit `shift`. */
function radixPass(key: Uint32Array, shift: number, from: Uint32Array, to: Uint32Array) {
	const counts = new Uint32Array(BUCKETS + 1);
	for (let i = 0; i < from.length; i++) counts[((key[from[i]!]! >>> shift) & (BUCKETS - 1)) + 1]!++;
	for (let d = 1; d <= BUCKETS; d++) counts[d]! += counts[d - 1]!;
	for (let i = 0; i < from.length; i++) {
		const e = from[i]!;
		to[counts[(key[e]! >>> shift) & (BUCKETS - 1)]!++] = e;
	}
}

/**
 * The neighbouring entries of each block: entries sorted by (block's hash, 21 bits of the
 * order's hash), ties in entry order, then each paired with the next WINDOW - 1 of the same
 * block. A stable radix sort of numbers (five passes of 11 bits), not strings: a million
 * entries sort in well under a second. Equal orders stay together; equal block hashes are
 * checked against the block itself, so a collision never joins two blocks. pair(a, b) says
 * whether it counted as a comparison; returns how many did.
 */
function neighbours(
	blocks: readonly string[],
	orders: readonly number[],
	pair: (a: number, b: number) => boolean
): number {
	const n = blocks.length;
	const high = new Uint32Array(n);
	const low = Uint32Array.from(orders);
	for (let e = 0; e < n; e++) high[e] = hash(blocks[e]!);
	let sorted = new Uint32Array(n).map((_, e) => e);
	let spare = new Uint32Array(n);
	for (const [key, shift] of [
		[low, 0],
		[low, DIGIT],
		[high, 0],
		[high, DIGIT],
		[high, 2 * DIGIT]
	] as const) {
		radixPass(key, shift, sorted, spare);
		[sorted, spare] = [spare, sorted];
	}
	// Gathered in sorted order once, so the window reads neighbouring memory.
	const block: string[] = new Array<string>(n);
	const blockHash = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		const e = sorted[i]!;
		block[i] = blocks[e]!;
		blockHash[i] = high[e]!;
	}
	let made = 0;
	for (let i = 0; i < n; i++) {
		const a = block[i]!;
		for (let j = i + 1; j < n && j < i + WINDOW; j++) {
			if (block[j] !== a) {
				if (blockHash[j] !== blockHash[i]) break;
				continue; // a colliding block interleaved: skip it, keep looking within the window
			}
			if (pair(sorted[i]!, sorted[j]!)) made++;
		}
	}
	return made;
}
