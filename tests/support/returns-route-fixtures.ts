import { returnLines, returnShipments, returns } from '../../db/schema/returns';
import type { Db } from '../../db/client';
import { createDeliveredOrder, insertReturn } from './returns-factory';

// Returns for the route-table and route-contract examples (issue 11): a delivered order
// with units enough for every authorise call, and pools of authorised returns that each
// cancel / reject example takes one of (a cancelled line cannot be cancelled twice).
export type ReturnFixtures = {
	orderId: string;
	anyId: string;
	toCancel: string[];
	toCancelLine: string[];
	toReject: string[];
	/** Held returns (from a SKU) each match example matches to a line of `orderId`. */
	toMatch: string[];
};

async function held(db: Db, sku: string, pool: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < pool; i++) {
		const id = crypto.randomUUID();
		await db.batch([
			db.insert(returns).values({
				id,
				number: `RET-H${id.slice(0, 8).toUpperCase()}`,
				channel: 'phone',
				status: 'held',
				reviewReason: 'Route check'
			}),
			db.insert(returnLines).values({ returnId: id, line: 1, sku, quantity: 1 })
		]);
		ids.push(id);
	}
	return ids;
}

export async function createReturnFixtures(db: Db, pool: number): Promise<ReturnFixtures> {
	const order = await createDeliveredOrder(db, {
		lines: [{ quantity: 4 * pool + 100, priceMinor: 500 }]
	});
	const make = async () => {
		const { id } = await insertReturn(db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		await db.insert(returnShipments).values({ id: crypto.randomUUID(), returnId: id });
		return id;
	};
	const many = async () => {
		const ids: string[] = [];
		for (let i = 0; i < pool; i++) ids.push(await make());
		return ids;
	};
	return {
		orderId: order.id,
		anyId: await make(),
		toCancel: await many(),
		toCancelLine: await many(),
		toReject: await many(),
		toMatch: await held(db, order.products[0]!.sku, pool)
	};
}
