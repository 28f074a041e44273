/**
 * Whether b is a one-keystroke slip from a: one letter changed, added or dropped, or two
 * neighbours swapped (the optimal-string-alignment distance is at most 1). Linear time,
 * no matrix: it is asked millions of times in a full scan.
 */
export function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	const la = a.length;
	const lb = b.length;
	if (Math.abs(la - lb) > 1) return false;
	let i = 0;
	while (i < la && i < lb && a[i] === b[i]) i++;
	if (la === lb) {
		if (a.slice(i + 1) === b.slice(i + 1)) return true; // one substitution
		return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
	}
	return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Whether two digit strings of one length differ only by two neighbours swapped. */
export function isTransposition(a: string, b: string): boolean {
	if (a.length !== b.length || a === b) return false;
	let i = 0;
	while (a[i] === b[i]) i++;
	return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
