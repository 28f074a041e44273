import { returnShipments } from '../../db/schema/returns';
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
};

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
		toReject: await many()
	};
}
