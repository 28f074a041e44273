import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { isoTime } from '../users/internal';
import type { AlertCount, AlertList, ListAlerts } from './schemas';

const openCount = sql`(SELECT count(*) FROM stock_alerts WHERE closed_at IS NULL)`;

/**
 * Open low-stock alerts, newest first, with the figures now; one query. The partial index
 * stock_alerts_open_list holds only open alerts, so the page and the count stay cheap
 * however many alerts were ever closed.
 */
export async function listAlerts({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListAlerts;
}): Promise<AlertList> {
	const where = input.locationId ? sql`AND a.location_id = ${input.locationId}` : sql``;
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT json_object('openCount', ${openCount}, 'items', (SELECT json_group_array(json(item)) FROM (
			SELECT json_object('id', a.id, 'productId', a.product_id, 'sku', p.sku, 'name', p.name,
				'locationId', a.location_id, 'locationCode', l.code, 'openedAt', ${isoTime(sql`a.opened_at`)},
				'availableAtOpen', a.available_at_open, 'reorderPoint', a.reorder_point,
				'onHand', coalesce(s.on_hand, 0), 'available', coalesce(s.on_hand - s.reserved, 0)) AS item
			FROM stock_alerts a INDEXED BY stock_alerts_open_list
			JOIN products p ON p.id = a.product_id JOIN locations l ON l.id = a.location_id
			LEFT JOIN stock_levels s ON s.product_id = a.product_id AND s.location_id = a.location_id
			WHERE a.closed_at IS NULL ${where}
			ORDER BY a.opened_at DESC LIMIT ${input.limit}))) AS body`
	);
	return JSON.parse(rows[0]!.body) as AlertList;
}

/** The nav badge: how many alerts are open (a count over the partial index). */
export async function countAlerts({ ctx }: { ctx: Ctx }): Promise<AlertCount> {
	const rows = await ctx.db.all<{ open: number }>(sql`SELECT ${openCount} AS open`);
	return { open: Number(rows[0]!.open) };
}
