import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { compareCost, orderQuantity } from './costs';
import type { ProposalLine, ReorderProposal } from './schemas';

/** Purchase orders whose goods are still to come count as "on order". */
export const OPEN_PO_STATUSES = sql`('draft', 'approved', 'sent', 'partially_received')`;

type Row = {
	productId: string;
	sku: string;
	name: string;
	priceMinor: number;
	productCurrency: string;
	averageCostMinor: number | null;
	available: number;
	point: number;
	reorderQty: number | null;
	onOrder: number;
	supplier: string | null;
};
type BestSupplier = {
	id: string;
	name: string;
	leadTimeDays: number;
	currency: string;
	supplierCode: string;
	packSize: number;
	unitCostMinor: number;
	lastPaidUnitCostMinor: number | null;
};

/**
 * The reorder screen: products at or below their reorder point at a location (active
 * ones, point above 0), each with what to order from its supplier (the lowest unit cost,
 * then the shortest lead time, as suggest-reorder-point.ts picks it) after what is already on open purchase orders, grouped by
 * supplier, and per line the cost comparison and margin effect (costs.ts). One query:
 * the location's levels through stock_levels_location, suppliers and open orders by index.
 */
export async function reorderProposal({
	ctx,
	locationId
}: {
	ctx: Ctx;
	locationId: string;
}): Promise<ReorderProposal> {
	const rows = await ctx.db.all<{ found: number; items: string }>(
		sql`SELECT EXISTS (SELECT 1 FROM locations WHERE id = ${locationId}) AS found,
			(SELECT json_group_array(json_object('productId', s.product_id, 'sku', p.sku, 'name', p.name,
				'priceMinor', p.price_minor, 'productCurrency', p.currency, 'averageCostMinor', p.average_cost_minor,
				'available', s.on_hand - s.reserved, 'point', coalesce(s.reorder_point, p.reorder_point),
				'reorderQty', s.reorder_qty,
				'onOrder', (SELECT coalesce(sum(max(pl.ordered_qty - pl.received_qty, 0)), 0)
					FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id
					WHERE pl.product_id = s.product_id AND po.location_id = s.location_id
					AND po.status IN ${OPEN_PO_STATUSES}),
				'supplier', (SELECT json_object('id', su.id, 'name', su.name, 'leadTimeDays', su.lead_time_days,
					'currency', su.currency, 'supplierCode', si.supplier_code, 'packSize', si.pack_size,
					'unitCostMinor', si.unit_cost_minor, 'lastPaidUnitCostMinor', si.last_paid_unit_cost_minor)
					FROM supplier_items si JOIN suppliers su ON su.id = si.supplier_id
					WHERE si.product_id = s.product_id ORDER BY si.unit_cost_minor, su.lead_time_days, su.id LIMIT 1)))
			FROM stock_levels s JOIN products p ON p.id = s.product_id
			WHERE s.location_id = ${locationId} AND p.active
			AND coalesce(s.reorder_point, p.reorder_point) > 0
			AND s.on_hand - s.reserved <= coalesce(s.reorder_point, p.reorder_point)) AS items`
	);
	if (!rows[0]?.found)
		throw new NotFound(
			'location-not-found',
			'No such location',
			`No location has id ${locationId}.`
		);
	const items = JSON.parse(rows[0].items) as Row[];
	return { locationId, groups: groupBySupplier(items) };
}

function lineOf(row: Row, best: BestSupplier | null): ProposalLine | null {
	const packSize = best?.packSize ?? 1;
	const quantity = orderQuantity({
		available: row.available,
		reorderPoint: row.point,
		reorderQty: row.reorderQty,
		onOrder: row.onOrder,
		packSize
	});
	if (quantity === 0) return null;
	// Costs compare only in one currency: a supplier billing in another gets no margin figures.
	const sameCurrency = best !== null && best.currency === row.productCurrency;
	return {
		productId: row.productId,
		sku: row.sku,
		name: row.name,
		supplierCode: best?.supplierCode ?? null,
		available: row.available,
		reorderPoint: row.point,
		onOrder: row.onOrder,
		packSize,
		quantity,
		cost:
			best === null
				? null
				: compareCost({
						newUnitCostMinor: best.unitCostMinor,
						lastPaidUnitCostMinor: best.lastPaidUnitCostMinor,
						averageCostMinor: sameCurrency ? row.averageCostMinor : null,
						priceMinor: sameCurrency ? row.priceMinor : 0
					}),
		lineTotalMinor: best === null ? null : quantity * best.unitCostMinor
	};
}

function groupBySupplier(rows: Row[]): ReorderProposal['groups'] {
	const groups = new Map<string, ReorderProposal['groups'][number]>();
	for (const row of rows) {
		const best = row.supplier ? (JSON.parse(row.supplier) as BestSupplier) : null;
		const line = lineOf(row, best);
		if (!line) continue;
		const key = best?.id ?? '';
		const group = groups.get(key) ?? {
			supplier: best
				? { id: best.id, name: best.name, leadTimeDays: best.leadTimeDays, currency: best.currency }
				: null,
			lines: [],
			totalMinor: 0
		};
		group.lines.push(line);
		group.totalMinor += line.lineTotalMinor ?? 0;
		groups.set(key, group);
	}
	// Suppliers by name; products nobody sells last, so the manager sees them to set up.
	return [...groups.values()]
		.map((g) => ({ ...g, lines: g.lines.sort((a, b) => a.sku.localeCompare(b.sku)) }))
		.sort((a, b) =>
			a.supplier === null
				? 1
				: b.supplier === null
					? -1
					: a.supplier.name.localeCompare(b.supplier.name)
		);
}
