import { describe, expect, it } from 'vitest';
import { decideMove, decideReceipt } from './lifecycle';

describe('decideMove', () => {
	it('approves drafts, sends approved orders, cancels until received', () => {
		expect(decideMove('draft', 'approve')).toBe('approved');
		expect(decideMove('approved', 'send')).toBe('sent');
		expect(decideMove('sent', 'cancel')).toBe('cancelled');
		expect(() => decideMove('draft', 'send')).toThrow(
			'Only a purchase order that is approved can be sent'
		);
		expect(() => decideMove('received', 'cancel')).toThrow('can be cancelled');
	});
});

describe('decideReceipt', () => {
	const lines = [
		{ line: 1, orderedQty: 10, receivedQty: 4 },
		{ line: 2, orderedQty: 2, receivedQty: 0 }
	];
	it('is partial until every line has its units', () => {
		const partial = decideReceipt({
			status: 'sent',
			lines,
			received: [{ line: 1, quantity: 6 }],
			overReceiptReason: null
		});
		expect(partial).toEqual({ status: 'partially_received', overReceived: [] });
		const full = decideReceipt({
			status: 'partially_received',
			lines,
			received: [
				{ line: 1, quantity: 6 },
				{ line: 2, quantity: 2 }
			],
			overReceiptReason: null
		});
		expect(full.status).toBe('received');
	});

	it('refuses an over-receipt without a reason and flags it with one', () => {
		const input = { status: 'sent' as const, lines, received: [{ line: 2, quantity: 3 }] };
		expect(() => decideReceipt({ ...input, overReceiptReason: null })).toThrow(
			/3 would be received of 2/
		);
		expect(decideReceipt({ ...input, overReceiptReason: 'spare' }).overReceived).toEqual([2]);
	});

	it('takes deliveries only for sent orders', () => {
		expect(() =>
			decideReceipt({
				status: 'draft',
				lines,
				received: [{ line: 1, quantity: 1 }],
				overReceiptReason: null
			})
		).toThrow('takes deliveries');
	});
});
