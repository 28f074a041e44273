import { describe, expect, it } from 'vitest';
import { PRESETS } from './import-formats';
import { planImport, splitByValue, type ImportSnapshot } from './import-plan';
import { parseImportDate, parseMoney, type ImportRow } from './import-rows';

const empty: ImportSnapshot = {
	customersByNumber: new Map(),
	customersByEmail: new Map(),
	productsBySku: new Map(),
	importedOrders: new Map(),
	importedReturns: new Set()
};

let line = 1;
const row = (
	order: string,
	sku: string,
	quantity: number,
	at: string,
	customer: string | null = '1'
): ImportRow => ({
	line: ++line,
	order,
	placedAt: parseImportDate(at)!,
	sku,
	quantity,
	priceMinor: 100,
	name: sku,
	customer,
	email: null,
	customerName: null,
	phone: null,
	country: null,
	currency: 'GBP',
	shippingMinor: null,
	discountMinor: null,
	taxMinor: null,
	totalMinor: null,
	refundedMinor: null,
	financialStatus: null,
	fulfilmentStatus: null,
	cancelledAt: null,
	shippingAddress: null,
	billingAddress: null
});

const plan = (rows: ImportRow[]) =>
	planImport({ rows, preset: PRESETS[0]!, lifecycleMapped: false, snapshot: empty });

describe('reading amounts and dates', () => {
	it('turns decimals into minor units without floats, and refuses what is not an amount', () => {
		expect(parseMoney('2.55')).toBe(255);
		expect(parseMoney('0.1')).toBe(10);
		expect(parseMoney('-4')).toBe(-400);
		expect(parseMoney('1.005')).toBeNull();
		expect(parseMoney('12,50')).toBeNull();
	});

	it('reads dates with and without a zone, and refuses impossible ones', () => {
		expect(parseImportDate('2010-12-01 08:26:00')).toBe(Date.UTC(2010, 11, 1, 8, 26));
		expect(parseImportDate('2024-03-01 10:15:22 +0100')).toBe(Date.UTC(2024, 2, 1, 9, 15, 22));
		expect(parseImportDate('2024-03-01T10:15:22Z')).toBe(Date.UTC(2024, 2, 1, 10, 15, 22));
		expect(parseImportDate('2010-13-01 08:26:00')).toBeNull();
		expect(parseImportDate('2010-02-30')).toBeNull();
	});
});

describe('splitByValue', () => {
	it('splits exactly, the remainder to the largest', () => {
		expect(splitByValue(100, [1, 1, 1])).toEqual([34, 33, 33]);
		expect(splitByValue(10, [0, 0])).toEqual([0, 0]);
	});
});

describe('matching returns to purchases', () => {
	it('takes back from the newest earlier line of the same customer and SKU, then older ones', () => {
		const result = plan([
			row('1', 'MUG', 2, '2010-12-01 09:00'),
			row('2', 'MUG', 3, '2010-12-02 09:00'),
			row('C3', 'MUG', -4, '2010-12-03 09:00')
		]);
		expect(result.returns.map((r) => [r.ref, r.orderRef, r.lines[0]!.quantity])).toEqual([
			['C3', '2', 3],
			['C3', '1', 1]
		]);
		expect(result.unmatched).toEqual([]);
		expect(result.orders.find((o) => o.ref === '2')!.paymentStatus).toBe('refunded');
		expect(result.orders.find((o) => o.ref === '1')!.paymentStatus).toBe('partially_refunded');
	});

	it('reports what matches nothing: no customer, a later purchase, more than was bought', () => {
		const result = plan([
			row('C0', 'MUG', -1, '2010-12-01 08:00'),
			row('1', 'MUG', 1, '2010-12-01 09:00'),
			row('C2', 'MUG', -3, '2010-12-02 09:00'),
			row('C4', 'MUG', -1, '2010-12-02 09:00', null)
		]);
		expect(result.unmatched.map((u) => [u.ref, u.quantity])).toEqual([
			['C0', 1],
			['C2', 2],
			['C4', 1]
		]);
		expect(result.returns).toHaveLength(1);
		expect(result.orders[0]!.fulfilmentStatus).toBe('returned');
	});

	it('keeps charges (postage) on the line without making them products', () => {
		const result = plan([
			row('1', 'POST', 1, '2010-12-01 09:00'),
			row('1', 'MUG', 1, '2010-12-01 09:00')
		]);
		expect(result.products.map((p) => p.sku)).toEqual(['MUG']);
		expect(result.orders[0]!.lines.map((l) => l.productId === null)).toEqual([true, false]);
	});
});
