import { describe, expect, it } from 'vitest';
import { parseBinLabel } from './bin-label';

describe('parseBinLabel', () => {
	it('reads a location and a bin', () => {
		expect(parseBinLabel('main:A-03-2')).toEqual({ location: 'MAIN', bin: 'A-03-2' });
	});
	it('takes a label without a location as the bin alone', () => {
		expect(parseBinLabel('A-03-2')).toEqual({ location: null, bin: 'A-03-2' });
	});
	it('takes a leading or trailing colon as part of the bin', () => {
		expect(parseBinLabel(':A1')).toEqual({ location: null, bin: ':A1' });
		expect(parseBinLabel('A1:')).toEqual({ location: null, bin: 'A1:' });
	});
});
