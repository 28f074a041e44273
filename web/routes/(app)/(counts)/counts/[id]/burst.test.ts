import { describe, expect, it } from 'vitest';
import { BurstReader } from './burst';

function type(reader: BurstReader, text: string, start: number, gap: number, value = '') {
	let at = start;
	for (const char of text) {
		reader.key(char, at, value);
		value += char;
		at += gap;
	}
	return at;
}

describe('BurstReader', () => {
	it('reads a scanner burst ending in Enter as a code, restoring the field', () => {
		const reader = new BurstReader();
		const end = type(reader, '5012345678900', 1000, 5, '3');
		expect(reader.enter(end)).toEqual({ code: '5012345678900', restore: '3' });
	});

	it('leaves a person typing a quantity alone', () => {
		const reader = new BurstReader();
		const end = type(reader, '12', 1000, 150);
		expect(reader.enter(end + 200)).toBeNull();
		const slow = new BurstReader();
		expect(slow.enter(type(slow, '123456', 1000, 120))).toBeNull();
	});

	it('starts a new burst after a pause, keeping what the person had typed', () => {
		const reader = new BurstReader();
		const at = type(reader, '7', 1000, 0);
		const end = type(reader, '85123A', at + 2000, 4, '7');
		expect(reader.enter(end)).toEqual({ code: '85123A', restore: '7' });
	});
});
