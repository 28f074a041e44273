import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';

// What deciding a claim needs about its order, read in ONE query: the order, its product
// lines with what was shipped and what returns and claims already count against them
// (the same lines the database's return_exceeds_shipped trigger counts), and its captured
// payments with what is left to refund on each, oldest first.

export type ClaimOrderLine = {
	line: number;
	productId: string | null;
	locationId: string | null;
	sku: string;
	name: string;
	quantity: number;
	netMinor: number;
	unitPriceMinor: number;
	shipped: number;
	/** Units of it on returns and claims that still count (not cancelled/rejected/expired). */
	taken: number;
};

export type ClaimPayment = { id: string; refundableMinor: number };

export type ClaimFacts = {
	id: string;
	number: string;
	customerId: string | null;
	currency: string;
	version: number;
	lines: ClaimOrderLine[];
	payments: ClaimPayment[];
};

export async function readClaimFacts(ctx: Ctx, orderRef: string): Promise<ClaimFacts> {
	const [row] = await ctx.db.all<{ facts: string | null }>(
		sql`SELECT (SELECT json_object('id', o.id, 'number', o.number, 'customerId', o.customer_id,
			'currency', o.currency, 'version', o.version,
			'lines', (SELECT json_group_array(json_object('line', ol.line, 'productId', ol.product_id,
					'locationId', ol.location_id, 'sku', ol.sku, 'name', ol.name, 'quantity', ol.quantity,
					'netMinor', ol.net_minor, 'unitPriceMinor', ol.unit_price_minor,
					'shipped', ol.quantity_shipped,
					'taken', (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl
						WHERE rl.order_id = ol.order_id AND rl.order_line = ol.line
						AND rl.status NOT IN ('cancelled', 'rejected', 'expired'))))
				FROM order_lines ol WHERE ol.order_id = o.id AND ol.kind = 'product'),
			'payments', (SELECT json_group_array(json_object('id', p.id,
					'refundableMinor', p.captured_minor - (SELECT coalesce(sum(f.amount_minor), 0)
						FROM refunds f WHERE f.payment_id = p.id AND f.status <> 'failed')))
				FROM (SELECT * FROM payments WHERE order_id = o.id AND captured_minor > 0
					ORDER BY created_at, id) p))
			FROM orders o WHERE o.id = ${orderRef} OR o.number = ${orderRef}) AS facts`
	);
	if (!row?.facts)
		throw new NotFound(
			'order-not-found',
			'No such order',
			`No order has the id or number ${orderRef}. Check the number on the customer's email.`
		);
	return JSON.parse(row.facts) as ClaimFacts;
}
