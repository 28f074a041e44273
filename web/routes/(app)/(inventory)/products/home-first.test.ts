import { describe, expect, it } from 'vitest';
import { homeFirst } from './home-first';

const stock = [{ locationId: 'main' }, { locationId: 'shop' }, { locationId: 'van' }];

describe('homeFirst', () => {
	it('puts the home location first and keeps the others in order', () => {
		expect(homeFirst(stock, 'van').map((s) => s.locationId)).toEqual(['van', 'main', 'shop']);
	});

	it('leaves the order alone with no home or an unknown one', () => {
		expect(homeFirst(stock, null)).toEqual(stock);
		expect(homeFirst(stock, 'gone')).toEqual(stock);
	});
});
