import type { Ctx } from '../../core/context';
import { decideLines } from './decide-lines';
import { readReturnFacts } from './facts';
import type { PreviewReturn, ReturnPreview } from './schemas';

/** What authorising these lines would say, per line and per order; writes nothing. */
export async function previewReturn({
	ctx,
	input
}: {
	ctx: Ctx;
	input: PreviewReturn;
}): Promise<ReturnPreview> {
	const facts = await readReturnFacts(ctx, input.lines);
	const decided = decideLines(facts, input.lines, ctx.now);
	const orders = decided.orders.map(({ order, totals }) => ({
		orderId: order.id,
		orderNumber: order.number,
		currency: order.currency,
		feeMinor: totals.feeMinor,
		linesRefundMinor: totals.linesRefundMinor,
		shippingRefundMinor: totals.shippingRefundMinor,
		totalRefundMinor: totals.totalRefundMinor,
		customerPaysReturnShipping: totals.customerPaysReturnShipping,
		explanation: totals.explanation
	}));
	return {
		policyVersion: facts.policy.version,
		customerId: facts.customerId,
		currency: orders[0]?.currency ?? 'GBP',
		lines: decided.lines.map((l) => l.preview),
		orders,
		totalRefundMinor: orders.reduce((n, o) => n + o.totalRefundMinor, 0),
		canAuthorise: decided.lines.every((l) => l.preview.eligible && l.preview.problem === null)
	};
}
