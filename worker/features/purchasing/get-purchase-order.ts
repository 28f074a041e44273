import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { compareCost } from './costs';
import { purchaseOrderJson } from './internal';
import type { PurchaseOrder, PurchaseOrderDetail } from './schemas';

/** A purchase order with each line's cost comparison (what a manager approves on). */
export async function getPurchaseOrder({
	ctx,
	id
}: {
	ctx: Ctx;
	id: string;
}): Promise<PurchaseOrderDetail> {
	const rows = await ctx.db.all<{ body: string }>(purchaseOrderJson(id));
	if (!rows[0])
		throw new NotFound(
			'purchase-order-not-found',
			'No such purchase order',
			`No purchase order has id ${id}.`
		);
	const po = JSON.parse(rows[0].body) as PurchaseOrder;
	return {
		...po,
		lines: po.lines.map((l) => ({
			...l,
			cost: compareCost({
				newUnitCostMinor: l.unitCostMinor,
				lastPaidUnitCostMinor: l.lastPaidUnitCostMinor,
				averageCostMinor: l.averageCostMinor,
				priceMinor: l.priceMinor
			})
		}))
	};
}
