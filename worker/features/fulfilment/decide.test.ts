import { describe, expect, it } from 'vitest';
import {
	decidePack,
	decideShip,
	decideStartPicking,
	interpretScan,
	orderStatusAfter,
	type OrderSnapshot
} from './decide';

const line = (n: number, quantity: number, shipped = 0) => ({
	line: n,
	productId: `p${n}`,
	locationId: 'L1',
	sku: `SKU-${n}`,
	name: `Item ${n}`,
	barcode: `500000000000${n}`,
	quantity,
	quantityShipped: shipped
});
const snap = (over: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
	order: { id: 'o', number: 'ORD-1', status: 'paid', version: 1, customerId: null },
	lines: [line(1, 2), line(2, 1)],
	shipments: [],
	...over
});

/** The refusal's title: what a person reads first. */
function refusal(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		return (error as { title: string }).title;
	}
	return 'no refusal';
}

describe('what a scan means', () => {
	const lines = [
		{ line: 1, quantity: 2, pickedQuantity: 1, sku: 'SKU-1', name: 'Item 1', barcode: '111' },
		{ line: 2, quantity: 1, pickedQuantity: 1, sku: 'SKU-2', name: 'Item 2', barcode: '222' }
	];
	it('picks by barcode or SKU, any case', () => {
		expect(interpretScan('111', lines)).toEqual({ kind: 'pick', line: 1 });
		expect(interpretScan(' sku-1 ', lines)).toEqual({ kind: 'pick', line: 1 });
	});
	it('a complete line is an over-pick, not a wrong item', () => {
		expect(interpretScan('222', lines)).toMatchObject({ kind: 'done', sku: 'SKU-2' });
	});
	it('a wrong item lists only what is still expected', () => {
		expect(interpretScan('999', lines)).toEqual({
			kind: 'wrong',
			scanned: null,
			expected: [{ sku: 'SKU-1', name: 'Item 1', left: 1 }]
		});
	});
});

describe('start, pack, ship', () => {
	it('starts only from paid, allocated, picking or packed, for what is outstanding', () => {
		expect(decideStartPicking(snap(), 'L1')).toEqual([
			{ line: 1, quantity: 2 },
			{ line: 2, quantity: 1 }
		]);
		const cancelled = snap({ order: { ...snap().order, status: 'cancelled' } });
		expect(refusal(() => decideStartPicking(cancelled, 'L1'))).toMatch(
			/cancelled cannot become being picked/
		);
		// The lifecycle table decides: a held order is not picked; a second parcel may start.
		const held = snap({ order: { ...snap().order, status: 'on_hold' } });
		expect(refusal(() => decideStartPicking(held, 'L1'))).toMatch(/on hold cannot become/);
		const picking = snap({ order: { ...snap().order, status: 'picking' } });
		expect(decideStartPicking(picking, 'L1')).toHaveLength(2);
		const tooMany = [{ line: 1, quantity: 3 }];
		expect(refusal(() => decideStartPicking(snap(), 'L1', tooMany))).toMatch(/2 units left/);
		expect(refusal(() => decideStartPicking(snap(), 'L2'))).toMatch(/Nothing/);
	});
	it('packs all picked, or partially only when asked', () => {
		const sh = {
			id: 's',
			locationId: 'L1',
			status: 'picking' as const,
			version: 1,
			lines: [
				{ line: 1, quantity: 2, pickedQuantity: 1 },
				{ line: 2, quantity: 1, pickedQuantity: 0 }
			]
		};
		expect(refusal(() => decidePack(sh, false))).toMatch(/2 units still to pick/);
		expect(decidePack(sh, true)).toEqual({ keep: [sh.lines[0]], drop: [2] });
		expect(refusal(() => decideShip(sh))).toMatch(/picking: it cannot be shipped/);
	});
	it('the order is shipped only when every unit left, and back to allocated when units wait', () => {
		expect(orderStatusAfter(snap({ lines: [line(1, 2, 2), line(2, 1, 1)] }))).toEqual({
			status: 'shipped',
			fulfilment: 'fulfilled'
		});
		expect(orderStatusAfter(snap({ lines: [line(1, 2, 1), line(2, 1)] }))).toEqual({
			status: 'allocated',
			fulfilment: 'partial'
		});
		const packed = {
			id: 's',
			locationId: 'L1',
			status: 'packed' as const,
			version: 2,
			lines: [
				{ line: 1, quantity: 2, pickedQuantity: 2 },
				{ line: 2, quantity: 1, pickedQuantity: 1 }
			]
		};
		expect(orderStatusAfter(snap({ shipments: [packed] }))).toEqual({
			status: 'packed',
			fulfilment: 'unfulfilled'
		});
		expect(orderStatusAfter(snap({ shipments: [{ ...packed, status: 'picking' }] })).status).toBe(
			'picking'
		);
	});
});
