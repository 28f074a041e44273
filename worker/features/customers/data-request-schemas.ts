import * as v from 'valibot';
import { MULTI_LINE, NOT_STORED_TEXT } from '../../core/readable-text';

// Schemas of the customers' import and data-request routes (issue 9).

export const CustomerParams = v.object({
	id: v.pipe(v.string(), v.minLength(1), v.maxLength(64))
});

export const ExportFormat = v.picklist(['json', 'csv'], 'Choose json or csv');
export type ExportFormat = v.InferOutput<typeof ExportFormat>;

export const ExportCustomer = v.object({ format: v.optional(ExportFormat, 'json') });
export type ExportCustomer = v.InferOutput<typeof ExportCustomer>;

const Rows = v.array(v.record(v.string(), v.unknown()));

export const CustomerExport = v.object({
	exportedAt: v.string(),
	profile: v.record(v.string(), v.unknown()),
	/** Profiles merged into this one (tombstones): the same person's older data. */
	mergedProfiles: Rows,
	emails: Rows,
	phones: Rows,
	addresses: Rows,
	consents: Rows,
	externalIds: Rows,
	tags: Rows,
	orders: Rows,
	timeline: Rows
});
export type CustomerExport = v.InferOutput<typeof CustomerExport>;

export const ErasedCustomer = v.object({
	id: v.string(),
	erasedAt: v.string(),
	/** Profiles erased with it: those merged into it. */
	profiles: v.number(),
	/** Orders kept for accounting, their addresses anonymised. */
	ordersAnonymised: v.number()
});
export type ErasedCustomer = v.InferOutput<typeof ErasedCustomer>;

/** 50 MiB: a 100,000-customer file is about 12 MiB. The embedded server lets this route
 * alone past its 1 MiB body cap (scripts/serve/limits.ts MAX_IMPORT_BODY_BYTES). */
export const MAX_IMPORT_CHARS = 50 * 1024 * 1024;

export const ImportCustomers = v.object({
	/** The whole file, header row first. Line breaks are what CSV is made of. */
	csv: v.pipe(
		v.string(),
		v.minLength(1, 'The file is empty'),
		v.maxLength(MAX_IMPORT_CHARS, 'The file is over 50 MiB: split it into several files'),
		v.metadata(MULTI_LINE),
		// Its cells are checked one by one (a card number names its line and column).
		v.metadata(NOT_STORED_TEXT)
	),
	/** Check and preview only: nothing is written. */
	dryRun: v.optional(v.boolean(), false)
});
export type ImportCustomers = v.InferOutput<typeof ImportCustomers>;

const RowError = v.object({
	line: v.number(),
	column: v.optional(v.string()),
	message: v.string()
});

export const ImportReport = v.object({
	dryRun: v.boolean(),
	/** True when the customers were written (never on a dry run or a file with errors). */
	applied: v.boolean(),
	/** Data rows in the file. */
	rows: v.number(),
	/** New customers the file makes (made, unless a dry run). */
	created: v.number(),
	/** Rows that exactly match a customer Ordo already has: reported, not imported again. */
	matched: v.array(v.object({ line: v.number(), customerId: v.string(), number: v.string() })),
	/** The header as written and the column each maps to (null: not imported). */
	columns: v.array(v.object({ name: v.string(), column: v.nullable(v.string()) })),
	unknownColumns: v.array(v.string()),
	/** The first rows as they will be stored (normalised). */
	preview: v.array(v.object({ line: v.number(), values: v.record(v.string(), v.string()) })),
	/** Every problem, by line (the first 1,000; errorCount has them all). */
	errors: v.array(RowError),
	errorCount: v.number()
});
export type ImportReport = v.InferOutput<typeof ImportReport>;
