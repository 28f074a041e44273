import { describe, expect, it } from 'vitest';
import { doubleMetaphone } from 'double-metaphone';
import { foldLine, foldName, sound } from './prepare';

// The Unicode folds foldName and foldLine skip for plain ASCII: the quick path must agree.
const unicodeName = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}]/gu, '');
const unicodeLine = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();

const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).join('');
const samples = [
	"O'Brien-Smith",
	'  12--High St. ',
	'Flat 3, 221b Baker Street',
	ascii,
	ascii.split('').reverse().join(''),
	'Zoë',
	'Straße 5, Köln',
	'ÅSA Ñúñez'
];

describe('prepare', () => {
	it.each(samples)('folds %j as the Unicode fold does', (s) => {
		expect(foldName(s)).toBe(unicodeName(s));
		expect(foldLine(s)).toBe(unicodeLine(s));
	});

	it('gives the same sound whether or not the code was remembered', () => {
		for (const name of ['robert', 'smith', 'schmidt', 'robert']) {
			expect(sound(name)).toBe(doubleMetaphone(name)[0]);
		}
		expect(sound('')).toBe('');
	});
});
