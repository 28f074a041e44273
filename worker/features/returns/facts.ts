import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { Invalid, NotFound } from '../../core/errors';
import { currentPolicyRow, policyOf, type PolicyRow } from './internal';
import type { RequestedLine } from './schemas';

export type OrderFacts = {
	id: string;
	number: string;
	customerId: string | null;
	currency: string;
	placedAt: number;
	shippingMinor: number;
	country: string | null;
	shippedAt: number | null;
	deliveredAt: number | null;
	lastDeliveredAt: number | null;
};
export type OrderLineFacts = {
	orderId: string;
	line: number;
	kind: string;
	productId: string | null;
	sku: string;
	name: string;
	quantity: number;
	quantityShipped: number;
	netMinor: number;
	category: string | null;
	/** What lines that still count ask for (open requests included). */
	requested: number;
};
export type ReasonFacts = {
	code: string;
	label: string;
	defective: number;
	damagedOnArrival: number;
	shopFault: number;
	claimOnly: number;
	active: number;
};

/**
 * Everything a return decision rests on, in ONE round trip: the orders (dates from their
 * shipments, country from the shipping address), their lines with the product's category
 * and what is already asked back, the current policy and the reasons. Refuses lines of
 * orders that do not exist, and orders of more than one customer.
 */
export async function readReturnFacts(ctx: Ctx, lines: RequestedLine[]) {
	const { db } = ctx;
	const orderIds = [...new Set(lines.map((l) => l.orderId))];
	const ids = sql.join(
		orderIds.map((id) => sql`${id}`),
		sql`, `
	);
	const [orders, orderLines, policyRows, reasons] = await db.batch([
		db.all<OrderFacts>(
			sql`SELECT o.id, o.number, o.customer_id AS customerId, o.currency, o.placed_at AS placedAt,
				o.shipping_minor AS shippingMinor,
				json_extract(o.shipping_address, '$.country') AS country,
				(SELECT MIN(shipped_at) FROM shipments s WHERE s.order_id = o.id) AS shippedAt,
				(SELECT MIN(delivered_at) FROM shipments s WHERE s.order_id = o.id) AS deliveredAt,
				CASE WHEN EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id
						AND s.shipped_at IS NOT NULL AND s.delivered_at IS NULL) THEN NULL
					ELSE (SELECT MAX(delivered_at) FROM shipments s WHERE s.order_id = o.id) END
					AS lastDeliveredAt
				FROM orders o WHERE o.id IN (${ids})`
		),
		db.all<OrderLineFacts>(
			sql`SELECT ol.order_id AS orderId, ol.line, ol.kind, ol.product_id AS productId, ol.sku,
				ol.name, ol.quantity, ol.quantity_shipped AS quantityShipped, ol.net_minor AS netMinor,
				p.category,
				(SELECT COALESCE(SUM(rl.quantity), 0) FROM return_lines rl
					WHERE rl.order_id = ol.order_id AND rl.order_line = ol.line
						AND rl.status NOT IN ('cancelled', 'rejected', 'expired')) AS requested
				FROM order_lines ol LEFT JOIN products p ON p.id = ol.product_id
				WHERE ol.order_id IN (${ids}) ORDER BY ol.order_id, ol.line`
		),
		db.all<PolicyRow>(currentPolicyRow),
		db.all<ReasonFacts>(
			sql`SELECT code, label, defective, damaged_on_arrival AS damagedOnArrival,
				shop_fault AS shopFault, claim_only AS claimOnly, active FROM return_reasons`
		)
	]);
	const missing = orderIds.filter((id) => !orders.some((o) => o.id === id));
	if (missing.length > 0)
		throw new NotFound(
			'order-not-found',
			'No such order',
			`No order has id ${missing[0]}. Search for the order again, or start the return from the SKU.`
		);
	const customers = new Set(orders.map((o) => o.customerId));
	if (customers.size > 1)
		throw new Invalid(
			'several-customers',
			'One return is for one customer',
			'These orders belong to different customers: start a return for each customer.'
		);
	return {
		orders: new Map(orders.map((o) => [o.id, o])),
		orderLines: new Map(orderLines.map((l) => [`${l.orderId}#${l.line}`, l])),
		allLines: orderLines,
		policy: policyOf(policyRows),
		reasons: new Map(reasons.map((r) => [r.code, r])),
		customerId: orders[0]?.customerId ?? null
	};
}
export type ReturnFacts = Awaited<ReturnType<typeof readReturnFacts>>;
