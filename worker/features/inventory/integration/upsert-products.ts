import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../../../core/context';
import { Conflict, type FieldErrors } from '../../../core/errors';
import type { ProductUpsert } from './schemas';

// Products in bulk (the integration API's upsert and the products CSV import): by SKU, a
// product that exists is updated, one that does not is created. Whole or nothing: every
// problem is named by its row before anything is written, then two set-based statements
// (an UPDATE … FROM json_each and an INSERT … SELECT FROM json_each) write any number of
// rows in one batch. A field a row leaves out keeps the product's value (or the default).

export type Existing = {
	id: string;
	sku: string;
	barcode: string | null;
	name: string;
	priceMinor: number;
	currency: string;
	reorderPoint: number;
	active: boolean;
};

export type UpsertPlan = {
	rows: (ProductUpsert & { id: string })[];
	existing: Map<string, Existing>;
};

/** Row `i` as the caller names it: `products.3` (API) or `line 12` (CSV). */
export type RowName = (i: number, field: string) => string;

function addError(errors: FieldErrors, key: string, message: string) {
	(errors[key] ??= []).push(message);
}

/** Repeats inside the request: a SKU or barcode on two rows. */
function repeats(rows: readonly ProductUpsert[], name: RowName, errors: FieldErrors) {
	const skus = new Map<string, number>();
	const barcodes = new Map<string, number>();
	rows.forEach((row, i) => {
		const first = skus.get(row.sku);
		if (first !== undefined)
			addError(
				errors,
				name(i, 'sku'),
				`SKU ${row.sku} is also on ${name(first, '').replace(/\.$/, '')}`
			);
		else skus.set(row.sku, i);
		if (!row.barcode) return;
		const other = barcodes.get(row.barcode);
		if (other !== undefined)
			addError(
				errors,
				name(i, 'barcode'),
				`Barcode ${row.barcode} is also on ${name(other, '').replace(/\.$/, '')}`
			);
		else barcodes.set(row.barcode, i);
	});
}

/** ONE read: the products with the rows' SKUs, and those holding the rows' barcodes. */
async function readExisting(ctx: Ctx, rows: readonly ProductUpsert[]): Promise<Existing[]> {
	const skus = JSON.stringify(rows.map((r) => r.sku));
	const barcodes = JSON.stringify(rows.flatMap((r) => (r.barcode ? [r.barcode] : [])));
	const found = await ctx.db.all<Record<string, unknown>>(
		sql`SELECT id, sku, barcode, name, price_minor, currency, reorder_point, active FROM products
			WHERE sku IN (SELECT value FROM json_each(${skus}))
			UNION
			SELECT id, sku, barcode, name, price_minor, currency, reorder_point, active FROM products
			WHERE barcode IN (SELECT value FROM json_each(${barcodes}))`
	);
	return found.map((r) => ({
		id: String(r.id),
		sku: String(r.sku),
		barcode: r.barcode === null ? null : String(r.barcode),
		name: String(r.name),
		priceMinor: Number(r.price_minor),
		currency: String(r.currency),
		reorderPoint: Number(r.reorder_point),
		active: Boolean(r.active)
	}));
}

/**
 * Checks the rows against each other and the catalogue; throws a 409 naming each row whose
 * barcode another product holds (422 for repeats inside the request, from the caller).
 */
export async function planUpsert(
	ctx: Ctx,
	rows: readonly ProductUpsert[],
	name: RowName
): Promise<{ plan: UpsertPlan; errors: FieldErrors }> {
	const errors: FieldErrors = {};
	repeats(rows, name, errors);
	const found = await readExisting(ctx, rows);
	const bySku = new Map(found.map((p) => [p.sku, p]));
	const byBarcode = new Map(found.filter((p) => p.barcode).map((p) => [p.barcode!, p]));
	const requested = new Map(rows.map((r) => [r.sku, r]));
	rows.forEach((row, i) => {
		if (!row.barcode) return;
		const holder = byBarcode.get(row.barcode);
		// Held by another product that is not giving it up in this same request.
		const movesAway =
			holder &&
			requested.get(holder.sku)?.barcode !== undefined &&
			requested.get(holder.sku)?.barcode !== row.barcode;
		if (holder && holder.sku !== row.sku && !movesAway)
			addError(
				errors,
				name(i, 'barcode'),
				`Barcode ${row.barcode} belongs to SKU ${holder.sku} (${holder.name})`
			);
	});
	return {
		plan: {
			rows: rows.map((r) => ({ ...r, id: bySku.get(r.sku)?.id ?? crypto.randomUUID() })),
			existing: bySku
		},
		errors
	};
}

export function barcodeConflict(errors: FieldErrors): Conflict {
	return new Conflict(
		'barcode-taken',
		'Some barcodes belong to other products',
		'Nothing was written. A barcode identifies one product: change the rows listed, or move the barcode off the other product in the same request.',
		errors
	);
}

/** The writes: update the products that exist, then create the rest. */
export function upsertWrites(
	ctx: Ctx,
	plan: UpsertPlan
): [BatchItem<'sqlite'>, BatchItem<'sqlite'>] {
	const rows = JSON.stringify(plan.rows);
	const keep = (field: string, column: string) =>
		sql.raw(
			`CASE WHEN json_type(j.value, '$.${field}') IS NULL THEN products.${column} ELSE json_extract(j.value, '$.${field}') END`
		);
	return [
		ctx.db.run(sql`UPDATE products SET
				name = json_extract(j.value, '$.name'),
				price_minor = json_extract(j.value, '$.priceMinor'),
				barcode = ${keep('barcode', 'barcode')},
				currency = ${keep('currency', 'currency')},
				reorder_point = ${keep('reorderPoint', 'reorder_point')},
				active = ${keep('active', 'active')},
				updated_at = ${ctx.now}
			FROM json_each(${rows}) j
			WHERE products.sku = json_extract(j.value, '$.sku')`),
		ctx.db.run(sql`INSERT INTO products
				(id, sku, barcode, name, price_minor, currency, reorder_point, active, created_at, updated_at)
			SELECT json_extract(value, '$.id'), json_extract(value, '$.sku'),
				json_extract(value, '$.barcode'), json_extract(value, '$.name'),
				json_extract(value, '$.priceMinor'), coalesce(json_extract(value, '$.currency'), 'GBP'),
				coalesce(json_extract(value, '$.reorderPoint'), 0),
				coalesce(json_extract(value, '$.active'), 1), ${ctx.now}, ${ctx.now}
			FROM json_each(${rows})
			WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = json_extract(value, '$.sku'))`)
	];
}

/** What the batch did, read in it: created = the product has the id this plan made for it. */
export function upsertResult(plan: UpsertPlan) {
	const rows = JSON.stringify(
		plan.rows.map((r) => ({ sku: r.sku, id: r.id, isNew: !plan.existing.has(r.sku) }))
	);
	return sql`SELECT json_object(
		'created', coalesce(sum(created), 0), 'updated', count(*) - coalesce(sum(created), 0),
		'items', json_group_array(json_object('sku', sku, 'id', id, 'created', json(CASE WHEN created THEN 'true' ELSE 'false' END))))
		FROM (SELECT p.sku, p.id, json_extract(j.value, '$.isNew') AND p.id = json_extract(j.value, '$.id') AS created
			FROM json_each(${rows}) j JOIN products p ON p.sku = json_extract(j.value, '$.sku')
			ORDER BY j.key)`;
}
