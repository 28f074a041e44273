import { describe, expect, it } from 'vitest';
import { accountOf, groupSecret, recoveryCodesText } from './setup-text';

describe('groupSecret', () => {
	it('splits the key into groups of four for reading aloud or typing', () => {
		expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe(
			'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP'
		);
		expect(groupSecret('ABCDEF')).toBe('ABCD EF');
	});
});

describe('recoveryCodesText', () => {
	it('names the account and the day, then one code a line', () => {
		const text = recoveryCodesText({
			email: 'sam@ordo.test',
			codes: ['aaaa-bbbb', 'cccc-dddd'],
			at: new Date('2026-03-04T10:00:00Z')
		});
		expect(text.split('\n')).toEqual([
			'Ordo recovery codes for sam@ordo.test',
			'Made 2026-03-04. Each code works once, in place of the authenticator code.',
			'',
			'aaaa-bbbb',
			'cccc-dddd',
			''
		]);
	});
});

describe('accountOf', () => {
	it('reads the account from the otpauth label', () => {
		const uri = 'otpauth://totp/Ordo:sam%40ordo.test?issuer=Ordo&secret=JBSWY3DP&period=30';
		expect(accountOf(uri)).toBe('sam@ordo.test');
	});

	it('gives nothing for a URI without a label', () => {
		expect(accountOf('otpauth://totp/?secret=JBSWY3DP')).toBeNull();
		expect(accountOf('https://example.com/')).toBeNull();
	});
});
