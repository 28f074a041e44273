import type { PurchaseOrderStatus } from '../../../db/schema/purchasing';
import { Conflict, Invalid } from '../../core/errors';

// Purchase order states (issue 8): draft → approved → sent → partially_received →
// received; draft, approved and sent may be cancelled. Pure, unit-tested.
export type PurchaseOrderMove = 'approve' | 'send' | 'cancel';

const MOVES: Record<PurchaseOrderMove, { from: PurchaseOrderStatus[]; to: PurchaseOrderStatus }> = {
	approve: { from: ['draft'], to: 'approved' },
	send: { from: ['approved'], to: 'sent' },
	cancel: { from: ['draft', 'approved', 'sent'], to: 'cancelled' }
};

export function decideMove(
	status: PurchaseOrderStatus,
	move: PurchaseOrderMove
): PurchaseOrderStatus {
	const rule = MOVES[move];
	if (!rule.from.includes(status))
		throw new Conflict(
			'purchase-order-status',
			`A ${status.replace('_', ' ')} purchase order cannot be ${rule.to}`,
			`Only a purchase order that is ${rule.from.join(' or ')} can be ${rule.to}.`
		);
	return rule.to;
}

export type ReceiptLine = { line: number; orderedQty: number; receivedQty: number };

/**
 * Checks a receipt against the order and says the status afterwards. Over-receipt (more
 * than ordered, counting earlier receipts) is allowed only with a reason, which is kept
 * in the ledger movement and the audit entry; without one it is a 422 naming each line.
 */
export function decideReceipt(input: {
	status: PurchaseOrderStatus;
	lines: ReceiptLine[];
	received: { line: number; quantity: number }[];
	overReceiptReason: string | null;
}): { status: PurchaseOrderStatus; overReceived: number[] } {
	if (input.status !== 'sent' && input.status !== 'partially_received')
		throw new Conflict(
			'purchase-order-not-receivable',
			`A ${input.status.replace('_', ' ')} purchase order cannot be received`,
			'Only a purchase order that was sent to the supplier (or is partly received) takes deliveries.'
		);
	const byLine = new Map(input.lines.map((l) => [l.line, { ...l }]));
	const errors: Record<string, string[]> = {};
	const overReceived: number[] = [];
	input.received.forEach((r, i) => {
		const line = byLine.get(r.line);
		if (!line) {
			errors[`lines.${i}.line`] = [`This purchase order has no line ${r.line}.`];
			return;
		}
		line.receivedQty += r.quantity;
		if (line.receivedQty > line.orderedQty) {
			overReceived.push(r.line);
			if (!input.overReceiptReason)
				errors[`lines.${i}.quantity`] = [
					`Line ${r.line}: ${line.receivedQty} would be received of ${line.orderedQty} ordered. Give a reason to accept more than was ordered.`
				];
		}
	});
	if (Object.keys(errors).length > 0)
		throw new Invalid(
			overReceived.length > 0 && !input.overReceiptReason ? 'over-receipt' : 'receipt-invalid',
			'This receipt does not match the purchase order',
			Object.values(errors).flat().join(' '),
			errors
		);
	const done = [...byLine.values()].every((l) => l.receivedQty >= l.orderedQty);
	return { status: done ? 'received' : 'partially_received', overReceived };
}
