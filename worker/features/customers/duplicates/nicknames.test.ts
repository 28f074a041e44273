import { describe, expect, it } from 'vitest';
import { areNicknames, formalName } from './nicknames';

describe('nicknames', () => {
	it('pairs a nickname with its formal name and with its sibling nicknames', () => {
		expect(areNicknames('bob', 'robert')).toBe(true);
		expect(areNicknames('bill', 'william')).toBe(true);
		expect(areNicknames('liz', 'beth')).toBe(true);
		expect(areNicknames('chris', 'christine')).toBe(true);
		expect(areNicknames('bob', 'william')).toBe(false);
		expect(areNicknames('robert', 'robert')).toBe(false);
	});
	it('blocks a nickname under its formal name', () => {
		expect(formalName('bob')).toBe('robert');
		expect(formalName('zebedee')).toBe('zebedee');
	});
});
