import { describe, expect, it } from 'vitest';
import { shellFor, shellPath } from './shell';

describe('shellFor', () => {
	it('serves the shell whose relative paths match the page depth', () => {
		expect(shellFor('/')).toBe('/shell');
		expect(shellFor('/products')).toBe('/shell');
		expect(shellFor('/products/p1')).toBe('/shell/1');
		expect(shellFor('/orders/o1/returns')).toBe('/shell/1/2');
		expect(shellFor('/orders/o1/returns/r1')).toBe('/shell/1/2/3');
	});

	it('has no shell for a page deeper than any prerendered one', () => {
		expect(shellFor('/a/b/c/d/e')).toBeNull();
	});
});

describe('shellPath', () => {
	it('names the prerendered shell routes', () => {
		expect(shellPath(0)).toBe('/shell');
		expect(shellPath(2)).toBe('/shell/1/2');
	});
});
