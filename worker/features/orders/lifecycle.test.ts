import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../../../db/schema/orders';
import { Conflict } from '../../core/errors';
import {
	canTransition,
	decideCancel,
	unshippedOwed,
	decideHold,
	decideReleaseHold,
	sourcesOf,
	transition,
	transitionOrStay,
	TRANSITIONS
} from './lifecycle';

const order = (status: OrderStatus, heldFrom: OrderStatus | null = null) => ({
	status,
	heldFrom,
	version: 3
});

describe('the order lifecycle table', () => {
	it('covers every status and names only known statuses', () => {
		expect(Object.keys(TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
		for (const targets of Object.values(TRANSITIONS))
			for (const to of targets) expect(ORDER_STATUSES).toContain(to);
	});

	it('follows the happy path from waiting for payment to delivered', () => {
		const path: OrderStatus[] = [
			'pending_payment',
			'paid',
			'allocated',
			'picking',
			'packed',
			'shipped',
			'delivered'
		];
		for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
	});

	it('never leaves cancelled, leaves delivered only for an exchange, never cancels what has shipped', () => {
		for (const to of ORDER_STATUSES) {
			expect(canTransition('cancelled', to)).toBe(false);
			// An exchange's replacement (issue 11) is new warehouse work on the same order, paid
			// for already or waiting for the difference of a dearer item.
			expect(canTransition('delivered', to)).toBe(to === 'paid' || to === 'pending_payment');
		}
		expect(canTransition('shipped', 'cancelled')).toBe(false);
		expect(canTransition('pending_payment', 'shipped')).toBe(false);
	});

	it('refuses an illegal transition with a 409 naming the allowed ones', () => {
		try {
			transition('shipped', 'cancelled');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(Conflict);
			const e = error as Conflict;
			expect(e.status).toBe(409);
			expect(e.code).toBe('illegal-transition');
			expect(e.detail).toBe('From shipped it can become: delivered, paid, waiting for payment.');
			expect(e.errors).toEqual({
				status: ['Allowed from shipped: delivered, paid, pending_payment']
			});
		}
		expect(() => transition('cancelled', 'paid')).toThrow(
			'Nothing more can happen to an order that is cancelled.'
		);
	});
});

describe('decisions', () => {
	it('a hold remembers where the order was, and releasing goes back there', () => {
		expect(decideHold(order('allocated'))).toEqual({ status: 'on_hold', heldFrom: 'allocated' });
		expect(decideReleaseHold(order('on_hold', 'allocated'))).toEqual({ status: 'allocated' });
		expect(() => decideHold(order('on_hold', 'paid'))).toThrow(Conflict);
		expect(() => decideHold(order('shipped'))).toThrow(Conflict);
		expect(() => decideReleaseHold(order('paid'))).toThrow('only an order on hold can be released');
	});

	it('cancelling releases what is still reserved and refunds what was captured and not refunded', () => {
		const decision = decideCancel(
			order('paid'),
			[
				{ line: 1, productId: 'p1', locationId: 'l1', reserved: 2 },
				{ line: 2, productId: 'p2', locationId: 'l1', reserved: 0 }
			],
			[
				{ paymentId: 'pay1', capturedMinor: 1000, refundingMinor: 250 },
				{ paymentId: 'pay2', capturedMinor: 500, refundingMinor: 500 }
			]
		);
		expect(decision).toEqual({
			status: 'cancelled',
			releases: [{ line: 1, productId: 'p1', locationId: 'l1', reserved: 2 }],
			refunds: [{ paymentId: 'pay1', amountMinor: 750 }],
			shippedUnits: 0
		});
		expect(() => decideCancel(order('shipped'), [], [])).toThrow(Conflict);
	});

	it('with units shipped, refunds only the unshipped net, newest payment first, within what is left', () => {
		const lines = [
			{ kind: 'product' as const, quantity: 3, quantityShipped: 1, netMinor: 2700 },
			{ kind: 'product' as const, quantity: 1, quantityShipped: 1, netMinor: 5000 },
			{ kind: 'shipping' as const, quantity: 1, quantityShipped: 0, netMinor: 500 }
		];
		expect(unshippedOwed(lines)).toEqual({ owedMinor: 1800, shippedUnits: 2 });
		const decision = decideCancel(
			order('allocated'),
			[],
			[
				{ paymentId: 'old', capturedMinor: 5000, refundingMinor: 0, createdAt: 1 },
				{ paymentId: 'new', capturedMinor: 3200, refundingMinor: 2000, createdAt: 2 }
			],
			lines
		);
		expect(decision.refunds).toEqual([
			{ paymentId: 'new', amountMinor: 1200 },
			{ paymentId: 'old', amountMinor: 600 }
		]);
		expect(decision.shippedUnits).toBe(2);
	});
});

describe('fulfilment through the lifecycle table', () => {
	it('lets partial shipments move a packed order back, and nothing move a held one', () => {
		expect(canTransition('paid', 'picking')).toBe(true);
		expect(canTransition('packed', 'picking')).toBe(true);
		expect(canTransition('packed', 'allocated')).toBe(true);
		expect(TRANSITIONS.on_hold).toEqual(['cancelled']);
		expect(sourcesOf('picking')).toEqual(['paid', 'allocated', 'packed']);
	});

	it('a step that keeps the status is no transition; any other asks the table', () => {
		expect(transitionOrStay('picking', 'picking')).toBe('picking');
		expect(() => transitionOrStay('on_hold', 'packed')).toThrow(Conflict);
		expect(() => transition('pending_payment', 'picking', 'Picking starts from paid.')).toThrow(
			'can become: paid, on hold, cancelled. Picking starts from paid.'
		);
	});
});
