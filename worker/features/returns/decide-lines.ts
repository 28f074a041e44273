import {
	decideReturn,
	decideReturnLine,
	type LineDecision,
	type ReturnDecision
} from './policy/decide';
import type { ReturnFacts } from './facts';
import type { LinePreview, RequestedLine } from './schemas';

export type DecidedLine = {
	request: RequestedLine;
	preview: LinePreview;
	decision: LineDecision | null;
	/** The problem is only the quantity (409: someone else's return may hold the units). */
	overQuantity: boolean;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The decide half of authorising (pure over the facts read in one batch): each requested
 * line through the policy engine, with what stops it in words (quantity beyond what can
 * still come back, an unknown or retired reason, a line that is not an item). Then each
 * order's totals (decideReturn: shipping refund, who pays the parcel).
 */
export function decideLines(facts: ReturnFacts, requests: RequestedLine[], now: number) {
	const asked = new Map<string, number>();
	const lines: DecidedLine[] = requests.map((request, i) => {
		const key = `${request.orderId}#${request.orderLine}`;
		const order = facts.orders.get(request.orderId)!;
		const ol = facts.orderLines.get(key);
		const reason = facts.reasons.get(request.reasonCode);
		const before = asked.get(key) ?? 0;
		asked.set(key, before + request.quantity);
		const returnable = ol ? Math.max(0, ol.quantityShipped - ol.requested - before) : 0;
		let problem: string | null = null;
		let overQuantity = false;
		if (!ol) problem = `Line ${i + 1}: ${order.number} has no line ${request.orderLine}.`;
		else if (ol.kind !== 'product' || !ol.productId)
			problem = `Line ${i + 1}: ${ol.name} is not an item that can be sent back.`;
		else if (!reason || !reason.active)
			problem = `Line ${i + 1}: "${request.reasonCode}" is not a reason in use; pick one from the list.`;
		else if (request.quantity > returnable) {
			overQuantity = true;
			problem = `Line ${i + 1} (${ol.sku}): only ${plural(returnable, 'unit')} can still come back — ${ol.quantityShipped} shipped, ${ol.requested + before} already asked for on returns.`;
		}
		const decision =
			ol && ol.productId && reason
				? decideReturnLine({
						policy: facts.policy.policy,
						policyVersion: facts.policy.version,
						line: {
							orderLine: String(ol.line),
							productId: ol.productId,
							sku: ol.sku,
							name: ol.name,
							category: ol.category,
							quantity: request.quantity,
							// Per unit, rounded down: a refund never pays back more than the line's net.
							unitNetMinor: Math.floor(ol.netMinor / Math.max(1, ol.quantity))
						},
						order: {
							placedAt: order.placedAt,
							shippedAt: order.shippedAt,
							deliveredAt: order.deliveredAt,
							lastDeliveredAt: order.lastDeliveredAt,
							country: order.country,
							shippingMinor: order.shippingMinor
						},
						reason: {
							code: reason.code,
							defective: Boolean(reason.defective),
							damagedOnArrival: Boolean(reason.damagedOnArrival),
							shopFault: Boolean(reason.shopFault),
							unsealed: Boolean(request.unsealed)
						},
						now
					})
				: null;
		const preview: LinePreview = {
			orderId: request.orderId,
			orderNumber: order.number,
			orderLine: request.orderLine,
			sku: ol?.sku ?? '',
			name: ol?.name ?? '',
			quantity: request.quantity,
			shipped: ol?.quantityShipped ?? 0,
			returnable,
			reasonCode: request.reasonCode,
			eligible: decision?.eligible ?? false,
			problem,
			decidedBy: decision?.decidedBy ?? 'none',
			explanation: decision?.explanation ?? [],
			feeMinor: decision?.feeMinor ?? 0,
			refundMinor: decision?.refundMinor ?? 0,
			customerPaysReturnShipping: decision?.customerPaysReturnShipping ?? true,
			outcomes: decision?.outcomes ?? []
		};
		return { request, preview, decision, overQuantity };
	});
	const orders = [...facts.orders.values()].map((order) => {
		const own = lines.filter((l) => l.request.orderId === order.id && l.decision);
		const totals: ReturnDecision = decideReturn({
			policy: facts.policy.policy,
			order: {
				shippingMinor: order.shippingMinor,
				lines: facts.allLines
					.filter((l) => l.orderId === order.id && l.kind === 'product')
					.map((l) => ({
						orderLine: String(l.line),
						quantity: Math.max(0, l.quantityShipped - l.requested)
					}))
			},
			lines: own.map((l) => l.decision!)
		});
		return { order, totals };
	});
	return { lines, orders };
}
