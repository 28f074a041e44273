import { describe, expect, it } from 'vitest';
import { safeNext, signInHref } from './next';

describe('safeNext', () => {
	it('keeps a path on this origin with its query', () => {
		expect(safeNext('/products/p1?tab=stock')).toBe('/products/p1?tab=stock');
	});

	it('refuses other origins, protocol-relative and backslash tricks', () => {
		for (const next of [
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'javascript:x',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r\n/evil.example',
			'/\t\\evil.example',
			'/ /evil.example',
			'/products\u0000'
		]) {
			expect(safeNext(next)).toBe('/products');
		}
	});

	it('never sends the person back to the sign-in page', () => {
		expect(safeNext('/sign-in?next=/x')).toBe('/products');
	});

	it('falls back when there is nothing', () => {
		expect(safeNext(null)).toBe('/products');
	});
});

describe('signInHref', () => {
	it('remembers the page and its query', () => {
		const href = signInHref(new URL('https://ordo.test/products?q=heart'));
		expect(href).toBe('/sign-in?next=%2Fproducts%3Fq%3Dheart');
	});

	it('leaves out home, which goes to products anyway', () => {
		expect(signInHref(new URL('https://ordo.test/'))).toBe('/sign-in');
	});
});
