import { describe, expect, it } from 'vitest';
import { article } from './article';

describe('article', () => {
	it('says "an" before a vowel and "a" before a consonant', () => {
		expect(article('admin')).toBe('an');
		expect(article('manager')).toBe('a');
		expect(article('warehouse')).toBe('a');
	});
});
