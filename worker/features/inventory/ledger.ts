import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import { stockLevels, stockMovements, type MOVEMENT_KINDS } from '../../../db/schema/inventory';

// The stock ledger's public surface (eslint.config.js lists 'inventory/ledger'): batch-
// statement builders that other features (orders, fulfilment, returns, counts) put into
// their OWN single batch. Each returns the level row made sure of, the level moved, and
// the movement appended, so the ledger and the levels never disagree. The level's CHECKs
// (on hand ≥ reserved ≥ 0) are the guard: a move that would oversell, release what is not
// reserved or ship what is not there fails the caller's whole batch, which
// worker/core/constraint-errors.ts answers with a 409.

/** Never empty, so a caller's `writes` (mutate() wants at least one) can start with them. */
export type BatchItems = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

export type StockMove = {
	productId: string;
	locationId: string;
	/** Units, > 0 (adjust takes a signed delta instead). */
	quantity: number;
	/** Why, for people reading the ledger ("order ORD-10042", "damaged in transit"). */
	reason: string;
	/** What the movement belongs to: an order number, a shipment id; may be a scalar SQL
	 *  subquery for a row written earlier in the same batch (the order's number). */
	reference?: string | SQL | null;
	actorId?: string | null;
	/** When the device recorded it (offline sync), epoch ms. */
	deviceTime?: number | null;
	/** The batch's time (ctx.now). */
	at: number;
	/** The movement's id when the caller reports it; a new UUID otherwise. */
	id?: string;
};

type Kind = (typeof MOVEMENT_KINDS)[number];

function positive(quantity: number): void {
	if (!Number.isInteger(quantity) || quantity <= 0)
		throw new RangeError(`a stock move needs a whole number of units above 0, got ${quantity}`);
}

function move(
	db: Db,
	m: Omit<StockMove, 'quantity'>,
	kind: Kind,
	onHandDelta: number,
	reservedDelta: number
): BatchItems {
	const { productId, locationId } = m;
	return [
		// Make sure the level row exists, then move it. (An upsert cannot do both: SQLite
		// checks the CHECKs on the row it would insert before it resolves the conflict, so
		// `INSERT … on_hand = -5 … ON CONFLICT DO UPDATE` fails even when stock is there.)
		// Without the row, an UPDATE would change nothing and a reservation would "succeed".
		db
			.insert(stockLevels)
			.values({ productId, locationId, onHand: 0, reserved: 0, updatedAt: m.at })
			.onConflictDoNothing(),
		db
			.update(stockLevels)
			.set({
				onHand: sql`${stockLevels.onHand} + ${onHandDelta}`,
				reserved: sql`${stockLevels.reserved} + ${reservedDelta}`,
				updatedAt: m.at
			})
			.where(and(eq(stockLevels.productId, productId), eq(stockLevels.locationId, locationId))),
		db.insert(stockMovements).values({
			id: m.id ?? crypto.randomUUID(),
			productId,
			locationId,
			kind,
			onHandDelta,
			reservedDelta,
			reason: m.reason,
			reference: m.reference ?? null,
			actorId: m.actorId ?? null,
			deviceTime: m.deviceTime ?? null,
			recordedAt: m.at
		})
	];
}

/** Stock arrives (a delivery, opening stock): on hand goes up. */
export function receive(db: Db, m: StockMove): BatchItems {
	positive(m.quantity);
	return move(db, m, 'receipt', m.quantity, 0);
}

/** Sets units aside for an order. Refused (409) when it would take available below zero. */
export function reserve(db: Db, m: StockMove): BatchItems {
	positive(m.quantity);
	return move(db, m, 'reservation', 0, m.quantity);
}

/** Gives reserved units back (a cancelled or expired order). Refused when fewer are reserved. */
export function release(db: Db, m: StockMove): BatchItems {
	positive(m.quantity);
	return move(db, m, 'release', 0, -m.quantity);
}

/** Reserved units leave the building: on hand and reserved both go down. */
export function ship(db: Db, m: StockMove): BatchItems {
	positive(m.quantity);
	return move(db, m, 'shipment', -m.quantity, -m.quantity);
}

/** Returned units go back on the shelf. */
export function restock(db: Db, m: StockMove): BatchItems {
	positive(m.quantity);
	return move(db, m, 'return_restock', m.quantity, 0);
}

/** A correction by a signed delta. Refused when it would leave less on hand than reserved. */
export function adjust(db: Db, m: Omit<StockMove, 'quantity'> & { delta: number }): BatchItems {
	if (!Number.isInteger(m.delta) || m.delta === 0)
		throw new RangeError(`an adjustment needs a whole, non-zero delta, got ${m.delta}`);
	return move(db, m, 'adjustment', m.delta, 0);
}

/** An actual count replaces on hand: the caller passes the difference it found. */
export function count(db: Db, m: Omit<StockMove, 'quantity'> & { delta: number }): BatchItems {
	if (!Number.isInteger(m.delta))
		throw new RangeError(`a count difference must be whole, got ${m.delta}`);
	return move(db, m, 'count', m.delta, 0);
}

/**
 * A transfer leaves its source (issue 8): on hand goes down there. Refused (409) when the
 * units are reserved for orders there or not there at all (the level's CHECKs). Until
 * they are received they are in transit: on no shelf, available nowhere.
 */
export function sendTransfer(db: Db, m: StockMove): BatchItems {
	positive(m.quantity);
	return move(db, m, 'transfer_out', -m.quantity, 0);
}

/** Transferred units arrive at the destination: on hand goes up there. */
export function receiveTransfer(db: Db, m: StockMove): BatchItems {
	positive(m.quantity);
	return move(db, m, 'transfer_in', m.quantity, 0);
}

/**
 * Moves units between locations at once (nothing in transit): out of one (refused when
 * they are reserved there or missing) and into the other, both legs in the caller's batch,
 * with one reference. A transfer that travels is `sendTransfer` now and `receiveTransfer`
 * later (worker/features/transfers).
 */
export function transfer(
	db: Db,
	m: Omit<StockMove, 'locationId'> & { fromLocationId: string; toLocationId: string }
): BatchItems {
	positive(m.quantity);
	if (m.fromLocationId === m.toLocationId)
		throw new RangeError('a transfer needs two different locations');
	const reference = m.reference ?? crypto.randomUUID();
	const legs = { ...m, reference, id: undefined };
	return [
		...sendTransfer(db, { ...legs, locationId: m.fromLocationId }),
		...receiveTransfer(db, { ...legs, locationId: m.toLocationId })
	];
}
