/**
 * A whole return from its line decisions: totals, and whether the order's original shipping
 * is paid back. The law (EU art. 13(2), UK reg. 34(2)) refunds the standard delivery when the
 * WHOLE order is withdrawn within the legal period, never the extra for a faster service;
 * otherwise the policy's `refundShippingOnFullReturn` refunds all of it on a full return.
 */
import type { ReturnPolicy } from './document';
import type { LineDecision } from './types';
import { formatMinor } from './fee';

export type ReturnOrderFacts = {
	shippingMinor: number;
	/** The cheapest standard delivery offered, when the customer paid for a faster one. */
	standardShippingMinor?: number;
	/** Every line of the order with the units still held by the customer (shipped minus
	 *  returned before): the return is "the whole order" when it covers all of them. */
	lines: { orderLine: string; quantity: number }[];
};

export type ReturnDecision = {
	eligibleLines: number;
	linesRefundMinor: number;
	feeMinor: number;
	wholeOrder: boolean;
	shippingRefundMinor: number;
	shippingRefundedBy: 'law' | 'policy' | null;
	totalRefundMinor: number;
	/** False when the shop pays for any line's return parcel (one parcel, one label). */
	customerPaysReturnShipping: boolean;
	explanation: string[];
};

export function decideReturn({
	policy,
	order,
	lines
}: {
	policy: ReturnPolicy;
	order: ReturnOrderFacts;
	lines: LineDecision[];
}): ReturnDecision {
	const eligible = lines.filter((l) => l.eligible);
	const linesRefundMinor = sum(eligible.map((l) => l.refundMinor));
	const feeMinor = sum(eligible.map((l) => l.feeMinor));
	const wholeOrder =
		order.lines.length > 0 &&
		order.lines.every(
			(ol) =>
				sum(eligible.filter((l) => l.orderLine === ol.orderLine).map((l) => l.quantity)) >=
				ol.quantity
		);
	const explanation: string[] = [];
	let shippingRefundMinor = 0;
	let shippingRefundedBy: ReturnDecision['shippingRefundedBy'] = null;
	if (wholeOrder && eligible.every((l) => l.decidedBy === 'law')) {
		shippingRefundMinor = Math.min(order.shippingMinor, order.standardShippingMinor ?? Infinity);
		shippingRefundedBy = 'law';
		explanation.push(
			`The whole order is withdrawn within the legal period: the original standard delivery (${formatMinor(shippingRefundMinor)}) is refunded.`
		);
	} else if (wholeOrder && policy.refundShippingOnFullReturn) {
		shippingRefundMinor = order.shippingMinor;
		shippingRefundedBy = 'policy';
		explanation.push(
			`The whole order comes back: the shop's policy refunds the original shipping (${formatMinor(shippingRefundMinor)}).`
		);
	} else if (order.shippingMinor > 0) {
		explanation.push(
			wholeOrder
				? 'The original shipping is not refunded: the policy does not refund it.'
				: 'The original shipping is not refunded: only part of the order comes back.'
		);
	}
	return {
		eligibleLines: eligible.length,
		linesRefundMinor,
		feeMinor,
		wholeOrder,
		shippingRefundMinor,
		shippingRefundedBy,
		totalRefundMinor: linesRefundMinor + shippingRefundMinor,
		customerPaysReturnShipping: eligible.every((l) => l.customerPaysReturnShipping),
		explanation
	};
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
