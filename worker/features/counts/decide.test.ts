import { describe, expect, it } from 'vitest';
import { decideCount, type CountFacts } from './decide';

const base: CountFacts = {
	counted: 10,
	onHand: 10,
	movedSince: 0,
	reserved: 0,
	unitValueMinor: 250,
	thresholds: { units: null, valueMinor: null },
	otherDevice: false
};

describe('decideCount', () => {
	it('applies the difference from what the system held at the count', () => {
		// Counted 10 when 12 were there; 2 sold since, so 10 are on hand now.
		const d = decideCount({ ...base, counted: 10, onHand: 10, movedSince: -2 });
		expect(d).toMatchObject({ expected: 12, delta: -2, varianceValueMinor: 500 });
		expect(d.status).toBe('applied');
	});

	it('waits for a manager over the unit or the value threshold, not at it', () => {
		const units = { ...base, thresholds: { units: 3, valueMinor: null } };
		expect(decideCount({ ...units, counted: 13 }).status).toBe('applied');
		expect(decideCount({ ...units, counted: 14 }).reasons).toEqual(['over-units']);
		const value = { ...base, thresholds: { units: null, valueMinor: 1000 } };
		expect(decideCount({ ...value, counted: 6 }).status).toBe('applied');
		expect(decideCount({ ...value, counted: 5 }).reasons).toEqual(['over-value']);
	});

	it('waits when another device counted the same place, or when reserved units would be lost', () => {
		expect(decideCount({ ...base, otherDevice: true }).reasons).toEqual(['two-devices']);
		expect(decideCount({ ...base, counted: 3, reserved: 4 }).reasons).toEqual(['below-reserved']);
	});
});
