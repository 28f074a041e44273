import type { ImportPlan, ImportSnapshot, PlannedLine, PlannedOrder } from './import-plan';
import type { ImportRow, RowError } from './import-rows';

// A row with a negative quantity (an Online Retail C-invoice's line) takes units back. The
// matching rule: the same customer and SKU, on a line of an order in the same file placed
// at or before the return, newest such line first; a return larger than that line's units
// left continues on the next older one. What finds no line (no customer on the row, the
// purchase was before the file began, or more units than were bought) is reported as
// unmatched and written nowhere: a return needs the order line it takes back.

export type PlannedReturnLine = {
	line: number;
	orderLine: number;
	sku: string;
	quantity: number;
	refundMinor: number;
};

export type PlannedReturn = {
	id: string;
	ref: string;
	firstLine: number;
	orderId: string;
	orderRef: string;
	customerId: string | null;
	currency: string;
	createdAt: number;
	refundMinor: number;
	lines: PlannedReturnLine[];
};

export type Unmatched = {
	line: number;
	ref: string;
	sku: string;
	quantity: number;
	reason: string;
};

type Candidate = { order: PlannedOrder; line: PlannedLine };

export function matchReturns({
	orders,
	returnRows,
	snapshot,
	ids,
	errors,
	alreadyImported
}: {
	orders: readonly PlannedOrder[];
	returnRows: readonly ImportRow[];
	snapshot: ImportSnapshot;
	ids: { next(): string };
	errors: RowError[];
	alreadyImported: ImportPlan['alreadyImported'];
}): { returns: PlannedReturn[]; unmatched: Unmatched[] } {
	const bySkuAndCustomer = new Map<string, Candidate[]>();
	for (const order of orders)
		for (const line of order.lines) {
			if (line.kind !== 'product' || !line.customerKey) continue;
			const key = `${line.customerKey}\u0000${line.sku}`;
			const list = bySkuAndCustomer.get(key) ?? [];
			list.push({ order, line });
			bySkuAndCustomer.set(key, list);
		}
	for (const list of bySkuAndCustomer.values())
		list.sort(
			(a, b) => b.order.placedAt - a.order.placedAt || b.order.firstLine - a.order.firstLine
		);

	const unmatched: Unmatched[] = [];
	const returns = new Map<string, PlannedReturn>();
	const reported = new Set<string>();
	const sorted = [...returnRows].sort((a, b) => a.placedAt - b.placedAt || a.line - b.line);
	for (const row of sorted) {
		if (snapshot.importedReturns.has(row.order)) {
			if (!reported.has(row.order))
				alreadyImported.push({ line: row.line, ref: row.order, number: null });
			reported.add(row.order);
			continue;
		}
		const customerKey = row.customer ? `#${row.customer}` : row.email ? `@${row.email}` : null;
		let wanted = -row.quantity;
		const unmatchedRow = (reason: string) =>
			unmatched.push({ line: row.line, ref: row.order, sku: row.sku, quantity: wanted, reason });
		if (!customerKey) {
			unmatchedRow('no customer on the row to match the purchase by');
			continue;
		}
		const candidates = (bySkuAndCustomer.get(`${customerKey}\u0000${row.sku}`) ?? []).filter(
			(c) => c.order.placedAt <= row.placedAt && c.order.status !== 'cancelled'
		);
		for (const { order, line } of candidates) {
			const left = line.quantityShipped - line.quantityReturned;
			if (left <= 0) continue;
			const take = Math.min(left, wanted);
			line.quantityReturned += take;
			wanted -= take;
			const key = `${row.order}\u0000${order.id}`;
			let planned = returns.get(key);
			if (!planned) {
				if (row.currency !== order.currency)
					errors.push({
						line: row.line,
						message: `return ${row.order} is in ${row.currency}, its order ${order.ref} in ${order.currency}`
					});
				planned = {
					id: ids.next(),
					ref: row.order,
					firstLine: row.line,
					orderId: order.id,
					orderRef: order.ref,
					customerId: order.customerId,
					currency: order.currency,
					createdAt: row.placedAt,
					refundMinor: 0,
					lines: []
				};
				returns.set(key, planned);
			}
			const refundMinor = take * row.priceMinor;
			planned.lines.push({
				line: planned.lines.length + 1,
				orderLine: line.line,
				sku: row.sku,
				quantity: take,
				refundMinor
			});
			planned.refundMinor += refundMinor;
			if (wanted === 0) break;
		}
		if (wanted > 0)
			unmatchedRow(
				candidates.length === 0
					? `no earlier purchase of ${row.sku} by this customer in the file`
					: `${wanted} more than this customer bought of ${row.sku} in the file`
			);
	}
	return { returns: [...returns.values()], unmatched };
}
