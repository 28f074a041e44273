import type { Client } from '@libsql/client';

/**
 * Something `ordo import` / `ordo export` can move as CSV. A feature that can be imported
 * or exported (products, customers, stock counts…) adds its kind to KINDS below; the
 * commands, their help and their errors pick it up from here.
 */
export type Kind = {
	name: string;
	summary: string;
	/** Reads the file and writes its rows; returns a one-line summary to print. */
	importFile?: (args: {
		client: Client;
		path: string;
		now: number;
		/** Check the whole file and report; write nothing. */
		dryRun?: boolean;
		/** `--map` values: Field=Column, or a JSON mapping file (kinds that map columns). */
		map?: string[];
	}) => Promise<string>;
	/** Writes every row as CSV through `write`. */
	exportCsv?: (args: { client: Client; write: (chunk: string) => void }) => Promise<void>;
};

export const KINDS: readonly Kind[] = [
	{
		name: 'customers',
		summary: 'customer profiles (external_id, names, email, phone, address, date_of_birth)',
		importFile: async (args) => (await import('./import-customers')).importCustomersFile(args)
	},
	{
		name: 'orders',
		summary:
			'order history (Online Retail, Shopify export, or any CSV with --map Field=Column); C-invoices become returns; stock levels do not move',
		// Loaded on use, so `import --help` answers without loading drizzle.
		importFile: async (args) => (await import('./import-orders')).importOrdersFile(args)
	},
	// Issue 8: the catalogue and stock levels of an external inventory system, whole file or nothing.
	{
		name: 'products',
		summary:
			'products by SKU (sku, name, barcode, price, currency, reorder_point, active): created or updated',
		importFile: async (args) => (await import('./inventory-csv')).importProductsFile(args),
		exportCsv: async (args) => (await import('./inventory-csv')).exportProducts(args)
	},
	{
		name: 'stock',
		summary:
			'stock levels (sku, location, on_hand[, version]): set absolutely as ledger counts; a version that moved refuses the file',
		importFile: async (args) => (await import('./inventory-csv')).importStockFile(args),
		exportCsv: async (args) => (await import('./inventory-csv')).exportStock(args)
	}
];

export type Direction = 'import' | 'export';

const supports = (kind: Kind, direction: Direction) =>
	direction === 'import' ? Boolean(kind.importFile) : Boolean(kind.exportCsv);

export function knownKinds(direction: Direction, kinds: readonly Kind[] = KINDS): Kind[] {
	return kinds.filter((k) => supports(k, direction));
}

export function describeKinds(direction: Direction, kinds: readonly Kind[] = KINDS): string {
	const known = knownKinds(direction, kinds);
	return known.length > 0 ? known.map((k) => k.name).join(', ') : '(none yet)';
}

/** The kind by name, or an error that lists the ones that exist. */
export function findKind(
	name: string,
	direction: Direction,
	kinds: readonly Kind[] = KINDS
): { kind: Kind } | { error: string } {
	const kind = knownKinds(direction, kinds).find((k) => k.name === name);
	return kind
		? { kind }
		: { error: `unknown kind "${name}"; known kinds: ${describeKinds(direction, kinds)}` };
}
