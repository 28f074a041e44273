import { sql, type SQL } from 'drizzle-orm';
import type { Window } from './period';

/**
 * Units sold per product in the window, as a CTE named `sales`: product lines of orders
 * placed in it, not cancelled, less what came back. Read through orders_placed_status
 * (the window's orders, with their status) and order_lines' primary key.
 */
export function salesCte(w: Window): SQL {
	return sql`sales AS MATERIALIZED (
		SELECT ol.product_id, sum(ol.quantity - ol.quantity_returned) AS units
		FROM orders o JOIN order_lines ol ON ol.order_id = o.id
		WHERE o.placed_at >= ${w.fromMs} AND o.placed_at < ${w.toMs} AND o.status <> 'cancelled'
			AND ol.kind = 'product' AND ol.product_id IS NOT NULL
		GROUP BY ol.product_id)`;
}

/**
 * On hand per product over every location, and units sold in the window, as a CTE named
 * `figures`: products with stock (stock_levels' primary key, in product order) and products
 * that sold with no level row at all. Joining from `products` instead made SQLite build
 * automatic indexes over both CTEs on every run: three times slower on the demo shop.
 */
export const figuresCte = sql`figures AS (
	SELECT s.product_id, s.on_hand, coalesce(x.units, 0) AS units
	FROM (SELECT product_id, sum(on_hand) AS on_hand FROM stock_levels GROUP BY product_id) s
	LEFT JOIN sales x ON x.product_id = s.product_id
	UNION ALL
	SELECT x.product_id, 0, x.units FROM sales x
	WHERE NOT EXISTS (SELECT 1 FROM stock_levels l WHERE l.product_id = x.product_id))`;

export const period = (w: Window) => ({ from: w.from, to: w.to, days: w.days });
