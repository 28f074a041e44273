import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { freeText } from './free-text';
import { unreadableCharacter, unreadableFields } from './readable-text';

describe('unreadableCharacter', () => {
	it.each(['plain', 'Zählung ✔ 😀 棚卸し', '', 'a\u00a0b'])('keeps %j', (text) => {
		expect(unreadableCharacter(text)).toBeNull();
	});

	it.each([
		['\0', /null character \(U\+0000\) at character 1/],
		['ab\u0007', /U\+0007\) at character 3/],
		['\u009b', /U\+009B/],
		['\ud800x', /broken character/],
		['x\udc00', /broken character/],
		['a\tb', /one line: remove a tab/]
	])('names what is wrong with %j', (text, message) => {
		expect(unreadableCharacter(text)).toMatch(message);
	});

	it('lets line breaks and tabs into multi-line text, but not other controls', () => {
		expect(unreadableCharacter('one\r\ntwo\tthree', { multiLine: true })).toBeNull();
		expect(unreadableCharacter('one\u000btwo', { multiLine: true })).toMatch(/U\+000B/);
	});
});

describe('unreadableFields', () => {
	const Schema = v.object({
		note: freeText(500, 0, { multiLine: true }),
		name: freeText(50),
		tags: v.optional(v.array(v.string()))
	});

	it('names each field, reading the schema for which take several lines', () => {
		const found = unreadableFields(Schema, {
			note: 'line one\nline two',
			name: 'x\ny',
			tags: ['ok', 'bad\0'],
			extra: { deep: '\u0085' }
		});
		expect(found.map((f) => f.path.join('.'))).toEqual(['name', 'tags.1', 'extra.deep']);
	});

	it('refuses the same characters when the schema is used on its own', () => {
		expect(v.safeParse(Schema, { note: 'a\0', name: 'x' }).success).toBe(false);
		expect(v.safeParse(Schema, { note: 'a\nb', name: 'x' }).success).toBe(true);
		expect(v.safeParse(Schema, { note: 'a', name: 'x\ny' }).success).toBe(false);
	});
});
