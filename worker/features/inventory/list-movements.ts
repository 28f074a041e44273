import { and, desc, eq, sql } from 'drizzle-orm';
import { products, stockMovements } from '../../../db/schema/inventory';
import type { Db } from '../../../db/client';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import type { ListMovements, MovementPage } from './schemas';

type MovementRow = typeof stockMovements.$inferSelect;

/**
 * A product's movements newest first, one kind or all, keyset-paged on (time, id) so
 * "show older" never repeats or skips a row that arrived meanwhile. Read by the index
 * on (product, time, id), or (product, kind, time, id) for one kind. Fetches one more
 * than the page to know whether there is an older page. A statement, so a caller can
 * put it in its own batch.
 */
export function movementsQuery(
	db: Db,
	{ productId, kind, cursor, limit }: { productId: string } & Partial<ListMovements>
) {
	const [at, id] = cursor ? cursor.split('~') : [];
	return db
		.select()
		.from(stockMovements)
		.where(
			and(
				eq(stockMovements.productId, productId),
				kind ? eq(stockMovements.kind, kind) : undefined,
				cursor
					? sql`(${stockMovements.recordedAt}, ${stockMovements.id}) < (${Number(at)}, ${id})`
					: undefined
			)
		)
		.orderBy(desc(stockMovements.recordedAt), desc(stockMovements.id))
		.limit((limit ?? 20) + 1);
}

export function movementPage(rows: MovementRow[], limit = 20): MovementPage {
	const shown = rows.slice(0, limit);
	const last = shown.at(-1);
	return {
		items: shown.map((m) => ({
			id: m.id,
			locationId: m.locationId,
			kind: m.kind,
			onHandDelta: m.onHandDelta,
			reservedDelta: m.reservedDelta,
			reason: m.reason,
			reference: m.reference,
			recordedAt: new Date(m.recordedAt).toISOString()
		})),
		nextCursor: rows.length > limit && last ? `${last.recordedAt}~${last.id}` : null
	};
}

/** One page of a product's movements; 404 for an unknown product. One round trip. */
export async function listMovements({
	ctx,
	productId,
	input
}: {
	ctx: Ctx;
	productId: string;
	input: ListMovements;
}): Promise<MovementPage> {
	const { db } = ctx;
	const [found, rows] = await db.batch([
		db.select({ id: products.id }).from(products).where(eq(products.id, productId)),
		movementsQuery(db, { productId, ...input })
	]);
	if (!found[0])
		throw new NotFound('product-not-found', 'No such product', `No product has id ${productId}.`);
	return movementPage(rows, input.limit);
}
