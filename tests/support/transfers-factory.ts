import type { Db } from '../../db/client';
import { transferLines, transfers } from '../../db/schema/transfers';
import { createLocation } from './factories';

export type TransferFixtures = {
	/** The destination of every fixture transfer. */
	to: string;
	/** Drafts of one unit from `from` (each send or cancel uses one up). */
	toSend: string[];
	toCancel: string[];
	/** A sent transfer of 1,000,000 units: each receipt example receives one. */
	sent: { id: string; productId: string };
};

let seq = 0;

/**
 * Transfers written straight to the database, as the API writes them. `from` must hold
 * enough of `productId` for every draft to be sent (the route examples put 10,000 there).
 */
export async function createTransferFixtures(
	db: Db,
	{ productId, from, pool }: { productId: string; from: string; pool: number }
): Promise<TransferFixtures> {
	const to = (await createLocation(db)).id;
	const make = async (status: 'draft' | 'sent', quantity: number) => {
		const id = crypto.randomUUID();
		await db.batch([
			db.insert(transfers).values({
				id,
				number: `TR-F${++seq}-${id.slice(0, 6)}`,
				fromLocationId: from,
				toLocationId: to,
				status,
				sentAt: status === 'sent' ? Date.now() : null
			}),
			db.insert(transferLines).values({ transferId: id, productId, quantitySent: quantity })
		]);
		return id;
	};
	const drafts = (n: number) => Promise.all(Array.from({ length: n }, () => make('draft', 1)));
	return {
		to,
		toSend: await drafts(pool),
		toCancel: await drafts(pool),
		sent: { id: await make('sent', 1_000_000), productId }
	};
}
