import { describe, expect, it } from 'vitest';
import { exactHit } from './exact-hit';

const items = [
	{ id: 'a', sku: '85123A', barcode: '5012345678900', name: 'WHITE HANGING HEART T-LIGHT HOLDER' },
	{ id: 'b', sku: '85123B', barcode: null, name: 'RED HANGING HEART T-LIGHT HOLDER' }
];

describe('exactHit', () => {
	it('finds a scanned barcode', () => {
		expect(exactHit(items, '5012345678900')?.id).toBe('a');
	});

	it('finds a SKU typed in lower case, with stray spaces', () => {
		expect(exactHit(items, ' 85123b ')?.id).toBe('b');
	});

	it('does not treat a prefix or a name as exact', () => {
		expect(exactHit(items, '85123')).toBeNull();
		expect(exactHit(items, 'heart')).toBeNull();
	});

	it('finds nothing for an empty box', () => {
		expect(exactHit(items, '  ')).toBeNull();
	});
});
