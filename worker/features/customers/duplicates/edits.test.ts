import { describe, expect, it } from 'vitest';
import { isTransposition, withinOneEdit } from './edits';

describe('withinOneEdit', () => {
	it.each([
		['jonathan', 'jonathon', true],
		['smith', 'smtih', true],
		['smith', 'smth', true],
		['smith', 'smiths', true],
		['smith', 'smyth', true],
		['smith', 'smtyh', false],
		['anna', 'emma', false]
	])('%s ~ %s is %s', (a, b, want) => expect(withinOneEdit(a, b)).toBe(want));
});

describe('isTransposition', () => {
	it('finds two swapped neighbours only', () => {
		expect(isTransposition('+447700900123', '+447700900213')).toBe(true);
		expect(isTransposition('+447700900123', '+447700900124')).toBe(false);
		expect(isTransposition('+447700900123', '+447700900123')).toBe(false);
	});
});
