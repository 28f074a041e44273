import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_SIDE } from './compress';

describe('fitWithin', () => {
	it('shrinks a 12 MP phone photo to MAX_SIDE on its longest side, keeping its shape', () => {
		expect(fitWithin(4032, 3024)).toEqual({ width: MAX_SIDE, height: 1200 });
		expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: MAX_SIDE });
	});

	it('never enlarges a small image, and never rounds a side to nothing', () => {
		expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
		expect(fitWithin(10_000, 2)).toEqual({ width: MAX_SIDE, height: 1 });
	});
});
