import * as v from 'valibot';
import { MULTI_LINE, NOT_STORED_TEXT } from '../../core/readable-text';
import { IMPORT_FIELDS, IMPORT_FORMATS, type ImportField } from './import-formats';

// The order history import over HTTP. The Node server takes at most 1 MiB a body, so a
// big file travels gzip-compressed and base64-encoded (`csvGzip`; the Online Retail month
// is 3.7 MB as CSV, 0.8 MB this way); a small one may come as text (`csv`). Either way the
// whole file is one request, checked whole and applied in one batch: nothing to stage.

export const MAX_IMPORT_CSV_BYTES = 64 * 1024 * 1024;
const FIELD_NAMES = Object.keys(IMPORT_FIELDS) as [ImportField, ...ImportField[]];

export const ImportOrders = v.pipe(
	v.object({
		csv: v.optional(
			v.pipe(
				v.string(),
				v.maxLength(1_048_576),
				v.metadata(MULTI_LINE),
				v.metadata(NOT_STORED_TEXT)
			)
		),
		csvGzip: v.optional(
			v.pipe(
				v.string(),
				v.maxLength(1_400_000),
				v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Send the gzip-compressed file as base64'),
				v.metadata(NOT_STORED_TEXT)
			)
		),
		/** A preset, or 'custom' with `map` for every required field; detected from the header when absent. */
		format: v.optional(v.picklist(IMPORT_FORMATS)),
		/** Field → column of the file, over the preset's. */
		map: v.optional(
			v.record(v.picklist(FIELD_NAMES), v.pipe(v.string(), v.minLength(1), v.maxLength(200)))
		),
		/** Check and preview only; nothing is written. */
		dryRun: v.optional(v.boolean(), false)
	}),
	v.check(
		(body) => (body.csv === undefined) !== (body.csvGzip === undefined),
		'Send the file as either csv or csvGzip'
	)
);
export type ImportOrders = v.InferOutput<typeof ImportOrders>;

export const ImportResult = v.object({
	format: v.picklist(IMPORT_FORMATS),
	formatLabel: v.string(),
	columns: v.record(v.string(), v.string()),
	dryRun: v.boolean(),
	applied: v.boolean(),
	rows: v.number(),
	orders: v.number(),
	lines: v.number(),
	returns: v.number(),
	returnLines: v.number(),
	customersCreated: v.number(),
	productsCreated: v.number(),
	unmatchedReturns: v.number(),
	unmatched: v.array(
		v.object({
			line: v.number(),
			ref: v.string(),
			sku: v.string(),
			quantity: v.number(),
			reason: v.string()
		})
	),
	preview: v.array(
		v.object({
			ref: v.string(),
			line: v.number(),
			placedAt: v.string(),
			customer: v.nullable(v.string()),
			lines: v.number(),
			units: v.number(),
			totalMinor: v.number(),
			currency: v.string(),
			status: v.string(),
			paymentStatus: v.string(),
			returnedUnits: v.number()
		})
	)
});
export type ImportResult = v.InferOutput<typeof ImportResult>;
