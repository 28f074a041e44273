import { describe, expect, it } from 'vitest';
import { lookalikeDifferences } from './lookalikes';

const product = (id: string, name: string, priceMinor: number, barcode: string | null = null) => ({
	id,
	name,
	sku: id.toUpperCase(),
	barcode,
	priceMinor
});

describe('lookalikeDifferences', () => {
	it('marks what differs between products with the same name', () => {
		const found = lookalikeDifferences([
			product('a', 'Columbian Candle Round', 125, '500001'),
			product('b', 'columbian candle round ', 125, '500002'),
			product('c', 'Columbian Candle Round', 195, '500003'),
			product('d', 'Heart Mug', 300)
		]);
		expect(found.get('a')).toEqual(new Set(['barcode', 'price']));
		expect(found.get('b')).toBe(found.get('a'));
		expect(found.has('d')).toBe(false);
	});

	it('marks nothing beyond the SKU when only the SKU differs', () => {
		const found = lookalikeDifferences([product('a', 'Mug', 100), product('b', 'Mug', 100)]);
		expect(found.get('a')).toEqual(new Set());
	});
});
