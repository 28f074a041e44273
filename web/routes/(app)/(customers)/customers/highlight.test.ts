import { describe, expect, it } from 'vitest';
import { highlight } from './types';

const marked = (value: string, q: string) =>
	highlight(value, q)
		.filter((p) => p.hit)
		.map((p) => p.text);

describe('highlighting the matched field', () => {
	it('marks query words where they start a word, ignoring case and accents', () => {
		expect(marked('José Müller', 'jose mul')).toEqual(['José', 'Mül']);
		expect(marked('Ada.Lovelace@Example.TEST', 'ada.lovelace@exa')).toEqual([
			'Ada',
			'Lovelace',
			'Exa'
		]);
		expect(marked('Madame Ada', 'ada')).toEqual(['Ada']);
	});

	it('marks a phone typed another way by its digits', () => {
		expect(marked('+447700900123', '07700 900123')).toEqual(['7700900123']);
		expect(marked('020 7946 0018', '+44 20 7946')).toEqual(['20', '7946']);
	});
});
