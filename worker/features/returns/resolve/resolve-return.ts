import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { customerNotifications, storeCreditEntries } from '../../../../db/schema/returns';
import type { ReturnLineStatus } from '../../../../db/schema/returns';
import { orderLines as orderLinesTable, type OrderStatus } from '../../../../db/schema/orders';
import { reserve } from '../../inventory/ledger';
import { transition } from '../../orders/lifecycle';
import { expectVersion } from '../../../core/preconditions';
import { roleAllows } from '../../../core/access/permissions';
import type { Permission } from '../../../core/access/permissions';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, Invalid, NotFound } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import { recordRefundIntent } from '../../orders/refund-seam';
import { timelineEvent } from '../../orders/timeline';
import { emitEvent } from '../../webhooks/emit';
import { deriveReturnStatus, RELEASED } from '../line-states';
import {
	decideReturn,
	DEFAULT_RETURN_POLICY,
	parseReturnPolicy
} from '../../returns/policy/decide';
import type { LineDecision } from '../../returns/policy/decide';
import {
	decideResolution,
	type LineSnapshot,
	type ProductFacts,
	type ResolvedLine,
	type StoredDecision
} from './decide';
import { goodwillApprovalSql, resolutionOf } from './get-resolution';
import type { Resolution, ResolveReturn } from './schemas';

/** Whether the request's actor holds a permission (a user by role, an API key by grant). */
export function actorCan(ctx: Ctx, access: Permission): boolean {
	const a = ctx.actor;
	if (!a) return false;
	return a.kind === 'user' ? roleAllows(a.role, access) : a.permissions.includes(access);
}

type ReturnRow = {
	id: string;
	number: string;
	kind: 'return' | 'claim';
	status: string;
	version: number;
	orderId: string | null;
	customerId: string | null;
	currency: string;
	shippingRefundMinor: number;
	instantExchange: number;
	orderNumber: string | null;
	orderStatus: OrderStatus | null;
	orderVersion: number;
	orderMaxLine: number;
	orderShippingMinor: number;
	policy: string | null;
	goodwillApprovalMinor: number;
	goodwillGivenMinor: number;
};
type LineRow = Omit<LineSnapshot, 'decision'> & {
	orderLine: number | null;
	decision: string | null;
	quantityShipped: number;
};
type OrderLineRow = { line: number; quantityShipped: number };
type ProductRow = {
	id: string;
	sku: string;
	name: string;
	priceMinor: number;
	available: string | null;
};
type PaymentRow = {
	paymentId: string;
	capturedMinor: number;
	refundingMinor: number;
	createdAt: number;
};

const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

/**
 * Resolves lines of a return (refund to the original payment, store credit, keep the
 * item) and/or gives a goodwill amount: one snapshot read, decideResolution(), then one
 * batch. Refunds are pending `refunds` rows (kind 'return'/'goodwill', return_id, a key
 * per return, cause and payment, so a retried resolve never asks the provider twice);
 * the route sends them to the provider right after. The refunds_within_captured trigger
 * still guards the batch (a 409 'refund-exceeds-captured').
 */
export async function resolveReturn({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: ResolveReturn;
}): Promise<Resolution> {
	const { db } = ctx;
	const named = input.lines.flatMap((l) =>
		l.outcome === 'exchange' ? [l.exchange?.productId ?? l.exchange?.sku ?? ''] : []
	);
	const [found, lineRows, orderLines, paymentRows, productRows] = await db.batch([
		db.all<ReturnRow>(sql`SELECT r.id, r.number, r.kind, r.status, r.version, r.order_id AS orderId,
			r.customer_id AS customerId, r.currency, r.shipping_refund_minor AS shippingRefundMinor,
			r.instant_exchange AS instantExchange, o.number AS orderNumber, o.status AS orderStatus,
			COALESCE(o.version, 0) AS orderVersion,
			COALESCE((SELECT MAX(line) FROM order_lines WHERE order_id = o.id), 0) AS orderMaxLine,
			COALESCE(o.shipping_minor, 0) AS orderShippingMinor,
			(SELECT document FROM return_policies WHERE version = COALESCE(r.policy_version,
				(SELECT MAX(version) FROM return_policies))) AS policy,
			${goodwillApprovalSql} AS goodwillApprovalMinor,
			COALESCE((SELECT SUM(amount_minor) FROM refunds g WHERE g.return_id = r.id
				AND g.kind = 'goodwill' AND g.status <> 'failed'), 0) AS goodwillGivenMinor
			FROM returns r LEFT JOIN orders o ON o.id = r.order_id WHERE r.id = ${id}`),
		db.all<LineRow>(sql`SELECT l.line, l.status, l.quantity, l.quantity_received AS quantityReceived,
			l.order_line AS orderLine, COALESCE(ol.quantity, 0) AS orderedQuantity,
			COALESCE(ol.net_minor, 0) AS orderLineNetMinor, COALESCE(ol.quantity_shipped, 0) AS quantityShipped,
			l.refund_minor AS refundMinor, l.fee_minor AS feeMinor, l.decision,
			ol.product_id AS productId, ol.location_id AS locationId,
			ol.unit_price_minor AS unitPriceMinor, ol.discount_minor AS orderLineDiscountMinor
			FROM return_lines l LEFT JOIN order_lines ol ON ol.order_id = l.order_id AND ol.line = l.order_line
			WHERE l.return_id = ${id} ORDER BY l.line`),
		db.all<OrderLineRow>(sql`SELECT line, quantity_shipped AS quantityShipped FROM order_lines
			WHERE order_id = (SELECT order_id FROM returns WHERE id = ${id}) AND kind = 'product'`),
		db.all<PaymentRow>(sql`SELECT p.id AS paymentId, p.captured_minor AS capturedMinor, p.created_at AS createdAt,
			COALESCE((SELECT SUM(amount_minor) FROM refunds x WHERE x.payment_id = p.id
				AND x.status <> 'failed'), 0) AS refundingMinor
			FROM payments p WHERE p.order_id = (SELECT order_id FROM returns WHERE id = ${id})
				AND p.captured_minor > 0`),
		// Replacements named by id or SKU, and the lines' own products (same-item exchanges),
		// with what is free to sell per location.
		db.all<ProductRow>(sql`SELECT p.id, p.sku, p.name, p.price_minor AS priceMinor,
			(SELECT json_group_object(location_id, on_hand - reserved) FROM stock_levels
				WHERE product_id = p.id) AS available
			FROM products p WHERE p.id IN (SELECT value FROM json_each(${JSON.stringify(named)}))
				OR p.sku IN (SELECT value FROM json_each(${JSON.stringify(named)}))
				OR p.id IN (SELECT ol.product_id FROM return_lines l JOIN order_lines ol
					ON ol.order_id = l.order_id AND ol.line = l.order_line WHERE l.return_id = ${id})`)
	]);
	const ret = found[0];
	if (!ret) throw new NotFound('return-not-found', 'No such return', `No return has id ${id}.`);
	if (!ret.orderId || !ret.customerId)
		throw new Conflict(
			'return-held',
			'This return is held for review',
			'Match it to an order first: money goes back only against an order’s payments.'
		);
	// Goodwill is the one part of a resolution nothing else makes once (a line resolves once).
	if (input.goodwill && !ctx.idempotency?.key)
		throw new Invalid(
			'idempotency-key-required',
			'Goodwill needs an Idempotency-Key',
			'Send an Idempotency-Key header (a new random value per goodwill, the same one on every retry of it), so a retry gives it once.'
		);
	if (input.goodwill && RELEASED.has(ret.status as ReturnLineStatus))
		throw new Conflict(
			'return-closed',
			`This return is ${ret.status}`,
			'Goodwill goes with an open return. For a closed one, refund from the order page with a reason.'
		);
	const lines: LineSnapshot[] = lineRows.map((l) => ({
		...l,
		decision: l.decision ? (JSON.parse(l.decision) as StoredDecision) : null
	}));
	const policy = (ret.policy && parseReturnPolicy(JSON.parse(ret.policy))) || null;
	const live = lineRows.filter((l) => !['cancelled', 'rejected', 'expired'].includes(l.status));
	const whole = decideReturn({
		policy: policy?.ok ? policy.policy : DEFAULT_RETURN_POLICY,
		order: {
			shippingMinor: ret.orderShippingMinor,
			lines: orderLines.map((l) => ({ orderLine: String(l.line), quantity: l.quantityShipped }))
		},
		lines: live.map((l) => {
			const d = lines.find((x) => x.line === l.line)?.decision ?? {};
			return {
				orderLine: String(l.orderLine),
				quantity: l.quantity,
				eligible: d.eligible ?? true,
				decidedBy: d.decidedBy === 'law' ? 'law' : 'policy',
				refundMinor: l.refundMinor,
				feeMinor: l.feeMinor,
				customerPaysReturnShipping: true
			} as unknown as LineDecision;
		})
	});
	const decision = decideResolution(
		{
			lines,
			payments: paymentRows,
			shippingRefundMinor: whole.shippingRefundMinor,
			shippingRefundedMinor: ret.shippingRefundMinor,
			goodwillApprovalMinor: ret.goodwillApprovalMinor,
			goodwillGivenMinor: ret.goodwillGivenMinor,
			canOverride: actorCan(ctx, 'returns.override'),
			canRefund: actorCan(ctx, 'payments.refund'),
			instantExchange: Boolean(ret.instantExchange),
			products: Object.fromEntries(
				productRows.flatMap((p) => {
					const facts: ProductFacts = {
						id: p.id,
						sku: p.sku,
						name: p.name,
						priceMinor: p.priceMinor,
						available: p.available ? (JSON.parse(p.available) as Record<string, number>) : {}
					};
					return [
						[p.id, facts],
						[p.sku, facts]
					];
				})
			)
		},
		{ lines: input.lines, ...(input.goodwill ? { goodwill: input.goodwill } : {}) }
	);
	const after = lineRows.map((l) =>
		decision.lines.some((d) => d.line === l.line)
			? { ...l, status: 'resolved' as ReturnLineStatus }
			: l
	);
	const status = deriveReturnStatus(after);
	const orderId = ret.orderId;
	const customerId = ret.customerId;
	const refundKind = ret.kind === 'claim' ? 'claim' : 'return';
	const goodwillKey = ctx.idempotency?.key ?? crypto.randomUUID();
	const refundWrites = decision.refunds.map((r) =>
		recordRefundIntent(ctx, {
			paymentId: r.paymentId,
			orderId,
			amountMinor: r.amountMinor,
			kind: r.kind === 'return' ? refundKind : r.kind,
			returnId: id,
			approvedById: r.kind === 'goodwill' && decision.goodwillNeedsApproval ? actorId(ctx) : null,
			reason:
				r.cause === 'goodwill'
					? `Goodwill on ${ret.number}: ${input.goodwill?.reason ?? ''}`
					: r.cause === 'shipping'
						? `${ret.number}: original shipping`
						: r.kind === 'exchange_difference'
							? `${ret.number} line ${r.cause}: exchange price difference`
							: `${ret.number} line ${r.cause}`,
			idempotencyKey:
				r.cause === 'goodwill'
					? `return:${id}:goodwill:${goodwillKey}:${r.paymentId}`
					: `return:${id}:${r.cause}:${r.paymentId}`
		})
	);
	const creditWrites = decision.lines
		.filter((l) => l.credit && l.amountMinor > 0)
		.map((l) =>
			db.insert(storeCreditEntries).values({
				id: crypto.randomUUID(),
				customerId,
				currency: ret.currency,
				amountMinor: l.amountMinor,
				kind: l.outcome === 'keep_item' ? 'keep_item' : refundKind,
				returnId: id,
				orderId,
				note: `${ret.number} line ${l.line}`,
				idempotencyKey: `return:${id}:${l.line}:credit`,
				createdById: actorId(ctx),
				createdAt: ctx.now
			})
		);
	const lineWrites = decision.lines.map((l) =>
		db.run(sql`UPDATE return_lines SET status = 'resolved', outcome = ${l.outcome},
			refund_minor = ${l.amountMinor}
			WHERE return_id = ${id} AND line = ${l.line} AND status = ${l.from}`)
	);
	const exchangeWrites = exchangesOf(ctx, {
		lines: decision.lines,
		lineRows,
		returnId: id,
		returnNumber: ret.number,
		orderId,
		orderNumber: ret.orderNumber ?? '',
		orderStatus: ret.orderStatus,
		orderVersion: ret.orderVersion,
		orderMaxLine: ret.orderMaxLine,
		owedMinor: decision.owedMinor,
		currency: ret.currency
	});
	const notify: BatchItem<'sqlite'>[] = [];
	if (decision.refundMinor > 0)
		notify.push(
			db.insert(customerNotifications).values({
				id: crypto.randomUUID(),
				customerId,
				returnId: id,
				orderId,
				template: 'refund.sent',
				subject: `Your refund for ${ret.number}`,
				body: `We are refunding ${money(decision.refundMinor, ret.currency)} to your original payment method. It can take a few days to show.`,
				createdAt: ctx.now
			})
		);
	if (decision.owedMinor > 0)
		notify.push(
			db.insert(customerNotifications).values({
				id: crypto.randomUUID(),
				customerId,
				returnId: id,
				orderId,
				template: 'exchange.payment_due',
				subject: `Your exchange for ${ret.number}`,
				body: `Your replacement costs ${money(decision.owedMinor, ret.currency)} more than the item you sent back. We will send you a secure payment link; your replacement ships once it is paid.`,
				createdAt: ctx.now
			})
		);
	if (decision.storeCreditMinor > 0)
		notify.push(
			db.insert(customerNotifications).values({
				id: crypto.randomUUID(),
				customerId,
				returnId: id,
				orderId,
				template: 'credit.issued',
				subject: `Store credit for ${ret.number}`,
				body: `We have added ${money(decision.storeCreditMinor, ret.currency)} of store credit to your account.`,
				createdAt: ctx.now
			})
		);
	const outcomes = decision.lines.map((l) => `line ${l.line}: ${l.outcome.replace('_', ' ')}`);
	const summary = [
		outcomes.length ? `Resolved ${outcomes.join(', ')}` : null,
		decision.refundMinor > 0 ? `refund ${money(decision.refundMinor, ret.currency)}` : null,
		decision.storeCreditMinor > 0
			? `store credit ${money(decision.storeCreditMinor, ret.currency)}`
			: null,
		decision.goodwillMinor > 0 ? `goodwill ${money(decision.goodwillMinor, ret.currency)}` : null,
		decision.owedMinor > 0
			? `customer owes ${money(decision.owedMinor, ret.currency)} for the exchange (payment link from the order)`
			: null
	]
		.filter(Boolean)
		.join('; ');
	return mutate<Resolution>(ctx, {
		writes: [
			// Decide, then write: the lines read above are still the lines being resolved.
			expectVersion(ctx, 'return', id, ret.version),
			db.run(sql`UPDATE returns SET status = ${status},
				refund_minor = refund_minor + ${decision.refundMinor + decision.storeCreditMinor},
				shipping_refund_minor = shipping_refund_minor + ${decision.shippingRefundMinor},
				resolved_at = CASE WHEN ${status} = 'resolved' THEN ${ctx.now} ELSE resolved_at END,
				version = version + 1, updated_at = ${ctx.now}
				WHERE id = ${id}`),
			...lineWrites,
			...exchangeWrites,
			...refundWrites,
			...creditWrites,

			timelineEvent(ctx, {
				entityKind: 'return',
				entityId: id,
				orderId,
				customerId,
				kind: 'return.resolved',
				summary: `${ret.number}: ${summary}`,
				data: {
					lines: decision.lines,
					refundMinor: decision.refundMinor,
					storeCreditMinor: decision.storeCreditMinor,
					shippingRefundMinor: decision.shippingRefundMinor,
					goodwillMinor: decision.goodwillMinor,
					owedMinor: decision.owedMinor
				}
			}),
			...(decision.refunds.length > 0
				? [
						emitEvent(ctx, {
							type: 'refund.requested',
							entityKind: 'return',
							entityId: id,
							data: {
								returnId: id,
								orderId,
								amountMinor: decision.refundMinor,
								currency: ret.currency
							}
						})
					]
				: []),
			...(status === 'resolved'
				? [
						emitEvent(ctx, {
							type: 'return.resolved',
							entityKind: 'return',
							entityId: id,
							data: { returnId: id, orderId, number: ret.number }
						})
					]
				: []),
			...notify,
			auditEntry(ctx, {
				action: 'return.resolve',
				target: { type: 'return', id },
				details: {
					lines: decision.lines.map((l) => `${l.line}:${l.outcome}:${l.amountMinor}`).join(','),
					refundMinor: decision.refundMinor,
					storeCreditMinor: decision.storeCreditMinor,
					shippingRefundMinor: decision.shippingRefundMinor,
					goodwillMinor: decision.goodwillMinor,
					...(input.goodwill ? { goodwillReason: input.goodwill.reason } : {}),
					goodwillApproved: decision.goodwillNeedsApproval
				}
			})
		],
		result: resolutionOf(id)
	});
}

/**
 * An exchange stays on the ORIGINAL order: a replacement line (replaces_line, return_id)
 * at the price decided, its units reserved at the original line's location in the same
 * batch, the return line pointing at it. A shipped or delivered order goes back to 'paid'
 * (lifecycle.ts: the replacement is new warehouse work) with fulfilment 'partial', so the
 * pick list shows the replacement; the order's totals grow by the difference. A dearer
 * replacement (owedMinor > 0) makes the order wait for the difference instead:
 * 'pending_payment' and payment status 'unpaid', its units reserved; the payment link asks
 * for what is owed, and the provider's webhook takes the order to 'paid' (decide-webhook.ts)
 * so the warehouse picks it only then.
 */
function exchangesOf(
	ctx: Ctx,
	x: {
		lines: ResolvedLine[];
		lineRows: { line: number; orderLine: number | null }[];
		returnId: string;
		returnNumber: string;
		orderId: string;
		orderNumber: string;
		orderStatus: OrderStatus | null;
		orderVersion: number;
		orderMaxLine: number;
		owedMinor: number;
		currency: string;
	}
): BatchItem<'sqlite'>[] {
	const exchanges = x.lines.filter((l) => l.replacement);
	if (exchanges.length === 0) return [];
	const { db } = ctx;
	const from = x.orderStatus ?? 'delivered';
	const owes = x.owedMinor > 0;
	const back = from === 'shipped' || from === 'delivered';
	const to: OrderStatus = owes ? 'pending_payment' : 'paid';
	if (back || owes)
		transition(
			from,
			to,
			owes
				? `The replacement costs ${money(x.owedMinor, x.currency)} more, so the order must wait for that payment; an order still being worked on cannot: resolve this line once its parcels have shipped, or choose an item of the same price or less.`
				: 'An exchange’s replacement is new work for the warehouse.'
		);
	let next = x.orderMaxLine;
	const writes: BatchItem<'sqlite'>[] = [expectVersion(ctx, 'order', x.orderId, x.orderVersion)];
	let gross = 0;
	let discount = 0;
	let difference = 0;
	for (const l of exchanges) {
		const r = l.replacement!;
		const line = ++next;
		gross += r.unitPriceMinor * r.quantity;
		discount += r.discountMinor;
		difference += r.differenceMinor;
		writes.push(
			db.insert(orderLinesTable).values({
				orderId: x.orderId,
				line,
				kind: 'product',
				productId: r.productId,
				locationId: r.locationId,
				sku: r.sku,
				name: r.name,
				quantity: r.quantity,
				unitPriceMinor: r.unitPriceMinor,
				discountMinor: r.discountMinor,
				netMinor: r.netMinor,
				replacesLine: x.lineRows.find((row) => row.line === l.line)?.orderLine ?? null,
				returnId: x.returnId
			}),
			...reserve(db, {
				productId: r.productId,
				locationId: r.locationId,
				quantity: r.quantity,
				reason: `exchange ${x.returnNumber}`,
				reference: x.orderNumber,
				actorId: actorId(ctx),
				at: ctx.now
			}),
			db.run(sql`UPDATE return_lines SET replacement_order_line = ${line}
				WHERE return_id = ${x.returnId} AND line = ${l.line}`)
		);
	}
	writes.push(
		db.run(sql`UPDATE orders SET
			status = CASE WHEN ${back || owes ? 1 : 0} = 1 THEN ${to} ELSE status END,
			payment_status = CASE WHEN ${owes ? 1 : 0} = 1 THEN 'unpaid' ELSE payment_status END,
			fulfilment_status = CASE WHEN ${back ? 1 : 0} = 1 THEN 'partial' ELSE fulfilment_status END,
			subtotal_minor = subtotal_minor + ${gross}, discount_minor = discount_minor + ${discount},
			total_minor = total_minor + ${difference}, version = version + 1, updated_at = ${ctx.now}
			WHERE id = ${x.orderId}`),
		timelineEvent(ctx, {
			entityKind: 'order',
			entityId: x.orderId,
			orderId: x.orderId,
			kind: 'order.exchange',
			summary: `Replacement for ${x.returnNumber}: ${exchanges
				.map((l) => `${l.replacement!.quantity} × ${l.replacement!.sku}`)
				.join(', ')}${
				owes
					? `; waits for ${money(x.owedMinor, x.currency)} more by payment link before it is picked`
					: back
						? '; back to the warehouse to pick'
						: ''
			}`,
			data: {
				returnId: x.returnId,
				from,
				owedMinor: x.owedMinor,
				lines: exchanges.map((l) => l.replacement!)
			}
		})
	);
	return writes;
}
