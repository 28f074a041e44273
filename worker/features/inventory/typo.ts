// Typo tolerance: the nearest known word to a typed one. The distance is the optimal
// string alignment distance (Levenshtein plus the swap of two neighbours as one edit),
// because a swap is the commonest slip on a phone keyboard ("haert"); plain Levenshtein
// libraries count it as two. Small and pure, so no dependency.

/** Edits between a and b, or max + 1 as soon as it is certain to exceed max. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let before = new Array<number>(b.length + 1).fill(0);
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, before[j - 2]! + 1);
			current[j] = d;
			best = Math.min(best, d);
		}
		if (best > max) return max + 1;
		before = previous;
		previous = current;
	}
	return Math.min(previous[b.length]!, max + 1);
}

/** How many edits a word of this length may carry and still be recognised. */
export function allowedEdits(length: number): number {
	if (length < 4) return 0;
	return length < 5 ? 1 : 2;
}

export type KnownWord = { term: string; products: number };

/**
 * The known word a typed word most likely meant: fewest edits, then the word in most
 * products, then alphabetical. Null when the word is known as typed or nothing is near.
 */
export function nearestWord(word: string, known: KnownWord[]): string | null {
	const max = allowedEdits(word.length);
	if (max === 0 || known.some((k) => k.term === word)) return null;
	let best: { term: string; distance: number; products: number } | null = null;
	for (const k of known) {
		const distance = editDistance(word, k.term, max);
		if (distance > max) continue;
		if (
			!best ||
			distance < best.distance ||
			(distance === best.distance && k.products > best.products) ||
			(distance === best.distance && k.products === best.products && k.term < best.term)
		)
			best = { term: k.term, distance, products: k.products };
	}
	return best?.term ?? null;
}
