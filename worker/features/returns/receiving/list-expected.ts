import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import type { ExpectedReturns } from './schemas';

/** More than a bench receives between two refreshes; the phone keeps this many. */
const LIMIT = 500;

/**
 * Returns on their way in (authorised, part received, or expired: a late parcel is still
 * received) with what is in them, for a warehouse phone to keep for receiving offline
 * (issue 10's last-known data). With a location: those whose goods left from there.
 * Numbers, SKUs, barcodes and product names only: no customer, address or money.
 */
export async function listExpected({
	ctx,
	locationId
}: {
	ctx: Ctx;
	locationId?: string | undefined;
}): Promise<ExpectedReturns> {
	const rows = await ctx.db.all<{ body: string }>(sql`SELECT json_object('id', r.id,
		'number', r.number, 'status', r.status, 'orderNumber', o.number,
		'unexpected', (SELECT count(*) FROM return_receipts x WHERE x.return_id = r.id
			AND x.expected = 0),
		'lines', json((SELECT json_group_array(json_object('line', rl.line, 'sku', rl.sku,
			'barcode', p.barcode, 'name', coalesce(p.name, rl.sku), 'quantity', rl.quantity,
			'received', rl.quantity_received))
			FROM (SELECT * FROM return_lines WHERE return_id = r.id
				AND status IN ('authorised', 'received', 'expired') ORDER BY line) rl
			LEFT JOIN products p ON p.id = rl.product_id))) AS body
		FROM returns r LEFT JOIN orders o ON o.id = r.order_id
		WHERE r.status IN ('authorised', 'partially_received', 'expired')
		${
			locationId
				? sql`AND EXISTS (SELECT 1 FROM return_lines rl JOIN order_lines ol
					ON ol.order_id = rl.order_id AND ol.line = rl.order_line
					WHERE rl.return_id = r.id AND ol.location_id = ${locationId})`
				: sql``
		}
		ORDER BY r.created_at DESC LIMIT ${LIMIT}`);
	return {
		items: rows.map((r) => JSON.parse(r.body) as ExpectedReturns['items'][number]),
		asOf: new Date(ctx.now).toISOString()
	};
}
