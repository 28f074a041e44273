import { describe, expect, it } from 'vitest';
import { checkPassword, MAX_PASSWORD_LENGTH } from './password-policy';

describe('checkPassword', () => {
	it('accepts a long passphrase with no digits or symbols (NIST: no composition rules)', () => {
		expect(checkPassword('purple tractor under the stairs')).toEqual({ ok: true });
	});

	it('refuses 11 characters and accepts 12 (PCI DSS 8.3.6)', () => {
		expect(checkPassword('kettle-lamp1')).toEqual({ ok: true });
		expect(checkPassword('kettle-lamp')).toMatchObject({ ok: false, reason: 'too_short' });
	});

	it('counts characters, not UTF-16 units, so emoji cannot pad a short password', () => {
		expect(checkPassword('🐧🐧🐧🐧🐧🐧a')).toMatchObject({ ok: false, reason: 'too_short' });
	});

	it('refuses passwords longer than the ceiling', () => {
		const long = 'fjord-basket-'.repeat(20).slice(0, MAX_PASSWORD_LENGTH + 1);
		expect(checkPassword(long)).toMatchObject({ ok: false, reason: 'too_long' });
		expect(checkPassword(long.slice(0, MAX_PASSWORD_LENGTH))).toEqual({ ok: true });
	});

	it.each(['1qaz2wsx3edc', 'qwerty123456', 'leavemealone', 'unbelievable'])(
		'refuses %s from the breached-password list',
		(password) => {
			expect(checkPassword(password)).toMatchObject({ ok: false, reason: 'common' });
		}
	);

	it('matches the breached-password list regardless of case', () => {
		expect(checkPassword('LeaveMeAlone')).toMatchObject({ ok: false, reason: 'common' });
		expect(checkPassword('QWERTY123456')).toMatchObject({ ok: false, reason: 'common' });
	});

	it.each(['aaaaaaaaaaaa', 'abcabcabcabc', '121212121212', 'Pass'.repeat(3)])(
		'refuses the repetitive password %s',
		(password) => {
			expect(checkPassword(password)).toMatchObject({ ok: false, reason: 'common' });
		}
	);

	it('refuses a password containing the email local part or a word of the name', () => {
		const identity = { email: 'jane.doe@example.com', name: 'Jane Marchetti' };
		expect(checkPassword('jane.doe-rocks-2024', identity)).toMatchObject({
			ok: false,
			reason: 'contains_identity'
		});
		expect(checkPassword('MARCHETTI warehouse', identity)).toMatchObject({
			ok: false,
			reason: 'contains_identity'
		});
		expect(checkPassword('purple tractor stairs', identity)).toEqual({ ok: true });
	});

	it('ignores name fragments too short to be meaningful', () => {
		expect(checkPassword('always angry penguins', { name: 'Al Ng' })).toEqual({ ok: true });
	});

	it('gives a message a person can act on with every refusal', () => {
		const result = checkPassword('short');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(/12 characters/);
	});
});
