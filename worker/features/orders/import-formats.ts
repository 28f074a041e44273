// What a row of an order history file can say (the fields), and where two known exports
// say it (the presets). A file's header picks its preset; `--map Field=Column` (or the
// API's `map`) overrides single columns, and a file of any other shape maps every
// required field itself. Pure: the CLI, the API and the import page share it.

export const IMPORT_FIELDS = {
	order: 'The order reference in the source (invoice number, #1001)',
	date: 'When it was placed: YYYY-MM-DD HH:MM[:SS], optionally with Z or ±HH:MM',
	sku: 'The stock code / SKU of the line',
	quantity: 'Units on the line (negative: a return of earlier units)',
	price: 'Unit price, a decimal (2.55)',
	name: 'What the line is called',
	customer: "The customer's number in the source (matched to customers.number)",
	email: "The customer's email (matched when there is no customer number)",
	customerName: "The customer's name",
	phone: "The customer's phone",
	country: "The customer's country",
	currency: 'ISO 4217 code (default from the preset, else GBP)',
	shipping: 'Shipping charged on the order (first row of the order)',
	discount: 'Order discount (first row of the order)',
	tax: 'Tax on the order (first row of the order)',
	total: 'Order total, checked against the lines (first row of the order)',
	refunded: 'Amount refunded on the order',
	financialStatus: 'paid, refunded, partially_refunded, authorized, voided…',
	fulfilmentStatus: 'fulfilled, or empty/unfulfilled',
	cancelledAt: 'When the order was cancelled, if it was',
	shipName: 'Shipping address: name',
	shipAddress1: 'Shipping address: line 1',
	shipAddress2: 'Shipping address: line 2',
	shipCity: 'Shipping address: city',
	shipPostcode: 'Shipping address: postcode',
	shipCountry: 'Shipping address: country',
	billName: 'Billing address: name',
	billAddress1: 'Billing address: line 1',
	billAddress2: 'Billing address: line 2',
	billCity: 'Billing address: city',
	billPostcode: 'Billing address: postcode',
	billCountry: 'Billing address: country'
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;
export const REQUIRED_FIELDS: readonly ImportField[] = [
	'order',
	'date',
	'sku',
	'quantity',
	'price'
];
export type Mapping = Partial<Record<ImportField, string>>;

export const IMPORT_FORMATS = ['online-retail', 'shopify', 'custom'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type Preset = {
	format: Exclude<ImportFormat, 'custom'>;
	label: string;
	columns: Mapping;
	currency: string;
	/** False for codes that are charges or notes on an invoice, never a product on a shelf. */
	isProduct?: (code: string) => boolean;
};

// Postage, fees, discounts, manual adjustments, samples and gift vouchers in the Online
// Retail data are invoice lines, not stock: their lines keep the code and no product.
export const ONLINE_RETAIL_NON_PRODUCTS: ReadonlySet<string> = new Set([
	'POST',
	'M',
	'D',
	'DOT',
	'BANK CHARGES',
	'AMAZONFEE',
	'C2',
	'PADS',
	'S',
	'CRUK',
	'B'
]);

export function isOnlineRetailProductCode(code: string): boolean {
	return !ONLINE_RETAIL_NON_PRODUCTS.has(code) && !code.startsWith('GIFT_');
}

export const PRESETS: readonly Preset[] = [
	{
		format: 'online-retail',
		label: 'Online Retail (UCI)',
		currency: 'GBP',
		isProduct: isOnlineRetailProductCode,
		columns: {
			order: 'InvoiceNo',
			sku: 'StockCode',
			name: 'Description',
			quantity: 'Quantity',
			date: 'InvoiceDate',
			price: 'UnitPrice',
			customer: 'CustomerID',
			country: 'Country'
		}
	},
	{
		format: 'shopify',
		label: 'Shopify orders export',
		currency: 'USD',
		columns: {
			order: 'Name',
			email: 'Email',
			financialStatus: 'Financial Status',
			fulfilmentStatus: 'Fulfillment Status',
			currency: 'Currency',
			shipping: 'Shipping',
			tax: 'Taxes',
			total: 'Total',
			discount: 'Discount Amount',
			date: 'Created at',
			quantity: 'Lineitem quantity',
			name: 'Lineitem name',
			price: 'Lineitem price',
			sku: 'Lineitem sku',
			customerName: 'Billing Name',
			billName: 'Billing Name',
			billAddress1: 'Billing Address1',
			billAddress2: 'Billing Address2',
			billCity: 'Billing City',
			billPostcode: 'Billing Zip',
			billCountry: 'Billing Country',
			shipName: 'Shipping Name',
			shipAddress1: 'Shipping Address1',
			shipAddress2: 'Shipping Address2',
			shipCity: 'Shipping City',
			shipPostcode: 'Shipping Zip',
			shipCountry: 'Shipping Country',
			phone: 'Phone',
			refunded: 'Refunded Amount',
			cancelledAt: 'Cancelled at'
		}
	}
];

/** The preset whose required columns the header has, else null (a custom file). */
export function detectPreset(header: readonly string[]): Preset | null {
	const has = new Set(header);
	return (
		PRESETS.find((p) => REQUIRED_FIELDS.every((f) => has.has(p.columns[f] ?? '\u0000'))) ?? null
	);
}

export type ResolvedMapping = {
	format: ImportFormat;
	preset: Preset | null;
	/** Field → column index in the header. */
	index: Partial<Record<ImportField, number>>;
	/** Field → column name, as shown to people. */
	columns: Mapping;
};

/**
 * The mapping to read a file with: the requested (or detected) preset's columns that the
 * header has, then the overrides. Errors say which field lacks which column, in words.
 */
export function resolveMapping(
	header: readonly string[],
	{ format, overrides = {} }: { format?: ImportFormat; overrides?: Mapping }
): { mapping: ResolvedMapping } | { errors: string[] } {
	const preset =
		format === 'custom'
			? null
			: format
				? (PRESETS.find((p) => p.format === format) ?? null)
				: detectPreset(header);
	const columns: Mapping = {};
	const index: Partial<Record<ImportField, number>> = {};
	const errors: string[] = [];
	const position = new Map(header.map((h, i) => [h, i] as const));
	for (const [field, column] of Object.entries({ ...preset?.columns, ...overrides }) as [
		ImportField,
		string
	][]) {
		const at = position.get(column);
		if (at !== undefined) {
			columns[field] = column;
			index[field] = at;
		} else if (field in overrides || REQUIRED_FIELDS.includes(field))
			errors.push(`the header has no column "${column}" (for ${field})`);
	}
	for (const field of REQUIRED_FIELDS)
		if (index[field] === undefined && !(field in { ...preset?.columns, ...overrides }))
			errors.push(
				`no column is mapped to ${field} (${IMPORT_FIELDS[field]}); map it with ${field}=Column`
			);
	if (errors.length > 0) return { errors };
	return { mapping: { format: preset?.format ?? 'custom', preset, index, columns } };
}
