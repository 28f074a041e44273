import { describe, expect, it } from 'vitest';
import { detectReturnSignals, type SignalFigures, type SignalReturn } from './detect';
import { thresholdsFrom } from './thresholds';

const t = thresholdsFrom(null);
let n = 0;
const ret = (over: Partial<SignalReturn> = {}): SignalReturn => ({
	id: `r${++n}`,
	number: `RET-${10000 + n}`,
	orderId: `o${n}`,
	orderNumber: `ORD-${10000 + n}`,
	kind: 'return',
	daysAfterDelivery: 5,
	wearProne: false,
	notReceived: false,
	keepItemUnits: 0,
	unexpectedUnits: 0,
	...over
});
const figures = (over: Partial<SignalFigures> = {}): SignalFigures => ({
	unitsBought: 10,
	unitsReturned: 0,
	shopUnitsBought: 100,
	shopUnitsReturned: 12,
	returns: [],
	...over
});
const codes = (f: SignalFigures) => detectReturnSignals(f, t).map((s) => s.code);

describe('return rate', () => {
	it('judges the rate, not the count: 2 of 2 flags, 2 of 50 does not', () => {
		expect(codes(figures({ unitsBought: 2, unitsReturned: 2, returns: [ret()] }))).toEqual([
			'return_rate'
		]);
		expect(codes(figures({ unitsBought: 50, unitsReturned: 2, returns: [ret()] }))).toEqual([]);
	});

	it('fires at the warning threshold and not just below, and asks a manager at its own', () => {
		expect(codes(figures({ unitsBought: 100, unitsReturned: 39 }))).toEqual([]);
		const [warn] = detectReturnSignals(figures({ unitsBought: 100, unitsReturned: 40 }), t);
		expect(warn!.severity).toBe('warn');
		const [manager] = detectReturnSignals(figures({ unitsBought: 100, unitsReturned: 70 }), t);
		expect(manager!.severity).toBe('manager');
	});

	it('explains itself with the numbers and the shop average, and links returns and orders', () => {
		const r = ret();
		const [s] = detectReturnSignals(figures({ unitsBought: 8, unitsReturned: 6, returns: [r] }), t);
		expect(s!.words).toBe(
			"Returned 6 of 8 items (75%) in the last 90 days; the shop's average is 12%."
		);
		expect(s!.evidence).toEqual([
			{ label: r.number, href: `/returns/${r.id}` },
			{ label: r.orderNumber, href: `/orders/${r.orderId}` }
		]);
	});

	it('says nothing below the minimum units bought', () => {
		expect(codes(figures({ unitsBought: 1, unitsReturned: 1 }))).toEqual([]);
	});
});

describe('other signals fire at their threshold and not below', () => {
	it('unexpected items: one return that brought back what was not on it', () => {
		expect(codes(figures({ returns: [ret()] }))).toEqual([]);
		const [s] = detectReturnSignals(figures({ returns: [ret({ unexpectedUnits: 2 })] }), t);
		expect(s!.code).toBe('unexpected_items');
		expect(s!.words).toMatch(/^2 items received that were not on the return/);
	});

	it('wear-prone returns just inside the window: two in the last 2 days', () => {
		const late = (days: number) => ret({ wearProne: true, daysAfterDelivery: days });
		expect(codes(figures({ returns: [late(29), late(27)] }))).toEqual([]);
		expect(codes(figures({ returns: [late(29), ret({ daysAfterDelivery: 30 })] }))).toEqual([]);
		const [s] = detectReturnSignals(figures({ returns: [late(29), late(28)] }), t);
		expect(s!.code).toBe('late_wear_prone');
		expect(s!.words).toBe(
			'2 returns of Apparel or Footwear in the last 2 days of the 30-day window.'
		);
	});

	it('repeated "not received" claims ask for a manager', () => {
		const claim = () => ret({ kind: 'claim', notReceived: true });
		expect(codes(figures({ returns: [claim(), ret({ kind: 'claim' })] }))).toEqual([]);
		const [s] = detectReturnSignals(figures({ returns: [claim(), claim()] }), t);
		expect(s).toMatchObject({ code: 'not_received_claims', severity: 'manager' });
		expect(s!.evidence).toHaveLength(2);
	});

	it('repeated keep-the-item outcomes', () => {
		expect(codes(figures({ returns: [ret({ keepItemUnits: 1 })] }))).toEqual([]);
		expect(
			codes(figures({ returns: [ret({ keepItemUnits: 1 }), ret({ keepItemUnits: 2 })] }))
		).toEqual(['keep_item']);
	});

	it('reads the thresholds from the setting over the defaults', () => {
		const strict = thresholdsFrom({ keepItem: 1, rate: { warnPct: 10 } });
		expect(strict.rate.managerPct).toBe(70);
		expect(
			detectReturnSignals(figures({ returns: [ret({ keepItemUnits: 1 })] }), strict).map(
				(s) => s.code
			)
		).toEqual(['keep_item']);
	});
});
