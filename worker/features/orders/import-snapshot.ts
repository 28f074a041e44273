import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import type { ImportSnapshot } from './import-plan';
import type { ImportRow } from './import-rows';

// What the database already holds that an import needs to decide: one batch, one round
// trip, whatever the file's size (each list travels as one JSON parameter, not thousands).

const distinct = (values: (string | null)[]) =>
	JSON.stringify([...new Set(values.filter((v): v is string => v !== null))]);

export async function readImportSnapshot(
	ctx: Ctx,
	rows: readonly ImportRow[]
): Promise<ImportSnapshot> {
	const { db } = ctx;
	const numbers = distinct(rows.map((r) => r.customer));
	const emails = distinct(rows.map((r) => (r.customer ? null : r.email)));
	const skus = distinct(rows.map((r) => r.sku));
	const refs = distinct(rows.map((r) => r.order));
	const [byNumber, byEmail, bySku, orders, returns] = await db.batch([
		// A merged customer's orders go to the customer it was merged into.
		db.all<{ key: string; id: string }>(
			sql`SELECT number AS key, coalesce(merged_into, id) AS id FROM customers
				WHERE number IN (SELECT value FROM json_each(${numbers}))`
		),
		db.all<{ key: string; id: string }>(
			sql`SELECT email AS key, min(id) AS id FROM customers
				WHERE email IN (SELECT value FROM json_each(${emails})) AND merged_into IS NULL
				GROUP BY email`
		),
		db.all<{ key: string; id: string }>(
			sql`SELECT sku AS key, id FROM products WHERE sku IN (SELECT value FROM json_each(${skus}))`
		),
		db.all<{ key: string; id: string }>(
			sql`SELECT external_ref AS key, number AS id FROM orders
				WHERE channel = 'import' AND external_ref IN (SELECT value FROM json_each(${refs}))`
		),
		db.all<{ key: string }>(
			sql`SELECT DISTINCT external_ref AS key FROM returns
				WHERE channel = 'import' AND external_ref IN (SELECT value FROM json_each(${refs}))`
		)
	]);
	const toMap = (list: { key: string; id: string }[]) => new Map(list.map((r) => [r.key, r.id]));
	return {
		customersByNumber: toMap(byNumber),
		customersByEmail: toMap(byEmail),
		productsBySku: toMap(bySku),
		importedOrders: toMap(orders),
		importedReturns: new Set(returns.map((r) => r.key))
	};
}
