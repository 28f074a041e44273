import { describe, expect, it } from 'vitest';
import { compareCost, movingAverage, orderQuantity, percentOf, suggestReorderPoint } from './costs';

describe('movingAverage', () => {
	it('weights the old average by stock on hand and rounds half up to a minor unit', () => {
		expect(movingAverage(400, 10, 5, 450)).toBe(417); // 6250 / 15 = 416.67
		expect(movingAverage(417, 15, 13, 450)).toBe(432); // 12105 / 28 = 432.32
		expect(movingAverage(100, 1, 1, 101)).toBe(101); // 100.5 → 101 (half up)
		expect(movingAverage(100, 3, 1, 101)).toBe(100); // 100.25 → 100
	});

	it("takes the receipt's cost when there is no average or nothing on hand", () => {
		expect(movingAverage(null, 10, 5, 450)).toBe(450);
		expect(movingAverage(400, 0, 5, 450)).toBe(450);
	});
});

describe('compareCost', () => {
	it('gives the differences and the margin before and after', () => {
		expect(
			compareCost({
				newUnitCostMinor: 450,
				lastPaidUnitCostMinor: 420,
				averageCostMinor: 400,
				priceMinor: 1000
			})
		).toEqual({
			newUnitCostMinor: 450,
			lastPaidUnitCostMinor: 420,
			averageCostMinor: 400,
			vsLastPaid: { amountMinor: 30, percent: 7.1 },
			vsAverage: { amountMinor: 50, percent: 12.5 },
			margin: {
				priceMinor: 1000,
				beforeMinor: 600,
				beforePercent: 60,
				afterMinor: 550,
				afterPercent: 55
			}
		});
	});

	it('falls back to the last price paid for the margin before, and says nothing without either', () => {
		const first = compareCost({
			newUnitCostMinor: 90,
			lastPaidUnitCostMinor: null,
			averageCostMinor: null,
			priceMinor: 0
		});
		expect(first.vsLastPaid).toBeNull();
		expect(first.margin).toEqual({
			priceMinor: 0,
			beforeMinor: null,
			beforePercent: null,
			afterMinor: -90,
			afterPercent: null
		});
		expect(percentOf(-30, 420)).toBe(-7.1);
	});
});

describe('orderQuantity', () => {
	it('orders up to twice the point, less what is on order, in whole packs', () => {
		expect(
			orderQuantity({ available: 4, reorderPoint: 10, reorderQty: null, onOrder: 0, packSize: 6 })
		).toBe(18);
		expect(
			orderQuantity({ available: 4, reorderPoint: 10, reorderQty: null, onOrder: 16, packSize: 6 })
		).toBe(0);
		expect(
			orderQuantity({ available: 4, reorderPoint: 10, reorderQty: 25, onOrder: 0, packSize: 1 })
		).toBe(25);
	});
});

describe('suggestReorderPoint', () => {
	it('is ceil(velocity × (lead + safety)) and explains itself', () => {
		const s = suggestReorderPoint({
			unitsSold: 30,
			days: 28,
			leadTimeDays: 5,
			safetyDays: 7,
			supplierName: 'Acme'
		});
		expect(s.reorderPoint).toBe(13);
		expect(s.reasoning).toContain('Sold 30 in the last 28 days');
	});

	it('does not round an exact product up (floating point)', () => {
		expect(
			suggestReorderPoint({
				unitsSold: 3,
				days: 30,
				leadTimeDays: 23,
				safetyDays: 7,
				supplierName: null
			}).reorderPoint
		).toBe(3);
	});

	it('suggests 0 when nothing sold', () => {
		const s = suggestReorderPoint({
			unitsSold: 0,
			days: 28,
			leadTimeDays: 5,
			safetyDays: 7,
			supplierName: 'A'
		});
		expect(s.reorderPoint).toBe(0);
		expect(s.reasoning).toContain('Nothing sold');
	});
});
