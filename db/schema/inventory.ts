import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { createdAt, currency, updatedAt } from './common';
import { users } from './auth';

export const locations = sqliteTable('locations', {
	id: text('id').primaryKey(),
	code: text('code').notNull().unique(),
	name: text('name').notNull(),
	createdAt: createdAt()
});

export const products = sqliteTable(
	'products',
	{
		id: text('id').primaryKey(),
		// SKUs are stored upper-case so an exact lookup uses the unique index.
		sku: text('sku').notNull(),
		barcode: text('barcode'),
		name: text('name').notNull(),
		// A merchandising category ("Home", "Kitchen", "Clearance"): return policies scope
		// rules by it and returns reports group by it. NULL: uncategorised.
		category: text('category'),
		priceMinor: integer('price_minor').notNull(),
		currency: currency(),
		reorderPoint: integer('reorder_point').notNull().default(0),
		// Moving-average unit cost (minor units), updated by each costed purchase-order
		// receipt in its own batch; NULL until the first one (issue 8, reordering).
		averageCostMinor: integer('average_cost_minor'),
		// Units sold recently: ranks search results so the product a rep most likely
		// means comes first ("heart" → the best-selling heart, not the alphabetical one).
		unitsSold: integer('units_sold').notNull().default(0),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('products_sku').on(t.sku),
		uniqueIndex('products_barcode').on(t.barcode),
		// Look-alikes: a search row says how many other products share its name.
		index('products_name').on(t.name),
		index('products_category').on(t.category),
		check('products_sku_upper', sql`${t.sku} = upper(${t.sku}) AND length(${t.sku}) > 0`),
		check('products_price_nonnegative', sql`${t.priceMinor} >= 0`),
		check('products_currency_iso', sql`length(${t.currency}) = 3`)
	]
);

// Per-location levels, kept in step with the movement ledger in the same batch.
// The CHECKs are the no-overselling rule: nothing is reserved that is not there.
export const stockLevels = sqliteTable(
	'stock_levels',
	{
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		onHand: integer('on_hand').notNull().default(0),
		reserved: integer('reserved').notNull().default(0),
		// Where it sits in the location ("A-03-2"): pick lists are sorted by it.
		bin: text('bin'),
		// Per product × location; NULL falls back to products.reorder_point. The
		// stock_alerts triggers (migration `reorder`) compare available against it.
		// No CHECK here: one would rebuild this busy table; the API validates (≥ 0, > 0).
		reorderPoint: integer('reorder_point'),
		/** How many to order when it is reached (NULL: the reorder screen proposes). */
		reorderQty: integer('reorder_qty'),
		updatedAt: updatedAt(),
		// +1 on every change of on_hand or reserved, by the trigger stock_levels_version
		// (migration integration): an external system sets a level "if it is still version N".
		version: integer('version').notNull().default(1)
	},
	(t) => [
		primaryKey({ columns: [t.productId, t.locationId] }),
		index('stock_levels_location').on(t.locationId),
		// A scanned bin label lists what sits in that bin (GET /api/scan/:code).
		index('stock_levels_bin').on(t.bin, t.locationId),
		check('stock_levels_reserved_nonnegative', sql`${t.reserved} >= 0`),
		check('stock_levels_on_hand_covers_reserved', sql`${t.onHand} >= ${t.reserved}`)
	]
);

export const MOVEMENT_KINDS = [
	'receipt',
	'reservation',
	'release',
	'shipment',
	'return_restock',
	'adjustment',
	'count',
	// A transfer between locations (issue 8): out of the source when it is sent, into the
	// destination as it is received; what is between the two is in transit.
	'transfer_out',
	'transfer_in'
] as const;

// The ledger: appended, never edited (a trigger refuses UPDATE and DELETE).
export const stockMovements = sqliteTable(
	'stock_movements',
	{
		id: text('id').primaryKey(),
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
		onHandDelta: integer('on_hand_delta').notNull().default(0),
		reservedDelta: integer('reserved_delta').notNull().default(0),
		reason: text('reason').notNull(),
		reference: text('reference'),
		actorId: text('actor_id').references(() => users.id),
		deviceTime: integer('device_time'),
		recordedAt: createdAt()
	},
	(t) => [
		// The product page pages its movements newest first by (time, id), all kinds or one.
		index('stock_movements_product_time').on(t.productId, t.recordedAt, t.id),
		index('stock_movements_product_kind_time').on(t.productId, t.kind, t.recordedAt, t.id),
		check(
			'stock_movements_kind_known',
			sql`${t.kind} IN ('receipt', 'reservation', 'release', 'shipment', 'return_restock', 'adjustment', 'count', 'transfer_out', 'transfer_in')`
		)
	]
);
