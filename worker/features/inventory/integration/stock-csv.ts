import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, DomainError } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { toCsv } from '../../../lib/csv';
import { auditEntry } from '../../audit/record';
import { count, type BatchItems } from '../ledger';
import {
	cellOf,
	readTable,
	rowProblem,
	textProblem,
	type ImportProgress,
	type RowError
} from './csv-rows';
import { pairKey, readLevels, type LevelSnapshot, type Pair } from './levels';
import type { CsvImportResult } from './schemas';

// Stock levels as CSV: sku, location, on_hand, reserved, available, version. The import sets
// on_hand absolutely, as a `count` movement for each difference (never by writing the level
// alone: `inventory verify` holds), and reads reserved and available as information only. A
// row with a version is applied only if the level is still at it (an export, edited, then
// imported while orders moved stock, is refused rather than overwriting their changes).

export const STOCK_COLUMNS = ['sku', 'location', 'on_hand', 'reserved', 'available', 'version'];
const PREVIEW = 20;

export async function exportStockCsv({ ctx }: { ctx: Ctx }): Promise<string> {
	const rows = await ctx.db.all<Record<string, string | number>>(
		sql`SELECT p.sku, l.code, s.on_hand, s.reserved, s.version
			FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
			ORDER BY p.sku, l.code`
	);
	return toCsv(
		STOCK_COLUMNS,
		rows.map((r) => [
			String(r.sku),
			String(r.code),
			Number(r.on_hand),
			Number(r.reserved),
			Number(r.on_hand) - Number(r.reserved),
			Number(r.version)
		])
	);
}

type Row = Pair & { line: number; onHand: number; version: number | null };

function readRows(csv: string, progress: (p: ImportProgress) => void) {
	const table = readTable(csv, { required: ['sku', 'location', 'on_hand'], known: STOCK_COLUMNS });
	const rows: Row[] = [];
	const errors: RowError[] = [];
	const seen = new Map<string, number>();
	const total = table.records.length;
	table.records.forEach((record, i) => {
		if (i % 5000 === 0) progress({ phase: 'checking', done: i, total });
		const cell = (column: string) => cellOf(table, record, column) ?? '';
		const fail = (message: string) => errors.push({ line: record.line, message });
		const sku = cell('sku').toUpperCase();
		const location = cell('location');
		for (const [column, text] of [
			['sku', sku],
			['location', location]
		] as const) {
			const problem = textProblem(column, text);
			if (problem) return fail(problem);
			if (!text) return fail(`${column}: this cell is empty`);
			if (text.length > 64) return fail(`${column}: at most 64 characters`);
		}
		const onHand = cell('on_hand');
		if (!/^\d{1,9}$/.test(onHand))
			return fail(`on_hand: "${onHand}" is not a whole number of units, 0 or more`);
		const version = cell('version');
		if (version && !/^\d{1,12}$/.test(version))
			return fail(`version: "${version}" is not a version number`);
		const key = pairKey({ sku, location });
		const earlier = seen.get(key);
		if (earlier !== undefined) return fail(`${sku} at ${location} is also on line ${earlier}`);
		seen.set(key, record.line);
		rows.push({
			line: record.line,
			sku,
			location,
			onHand: Number(onHand),
			version: version ? Number(version) : null
		});
	});
	return { rows, errors, table, total };
}

/** Each row against the level now: unknown names, below reserved, a version that moved. */
function check(rows: Row[], levels: Map<string, LevelSnapshot>): RowError[] {
	const errors: RowError[] = [];
	for (const row of rows) {
		const level = levels.get(pairKey(row))!;
		const fail = (message: string) => errors.push({ line: row.line, message });
		if (!level.productId) fail(`sku: no product has the SKU ${row.sku}`);
		if (!level.locationId) fail(`location: no location has the code ${row.location}`);
		if (!level.productId || !level.locationId) continue;
		if (row.version !== null && row.version !== level.version)
			fail(
				`${row.sku} at ${row.location} changed since the file was exported (version ${row.version}, now ${level.version} with ${level.onHand} on hand): export again`
			);
		else if (row.onHand < level.reserved)
			fail(
				`on_hand: ${row.onHand} is below the ${level.reserved} reserved for orders at ${row.location}`
			);
	}
	return errors;
}

/**
 * `ordo import stock FILE` and POST /api/inventory/import/stock: every row checked against
 * the levels now (ONE read), then ONE batch of count movements, under a precondition that no
 * level moved since that read; or nothing, and every line to fix.
 */
export async function importStockCsv({
	ctx,
	csv,
	dryRun,
	onProgress = () => {}
}: {
	ctx: Ctx;
	csv: string;
	dryRun: boolean;
	onProgress?: (p: ImportProgress) => void;
}): Promise<CsvImportResult> {
	const { rows, errors, table, total } = readRows(csv, onProgress);
	onProgress({ phase: 'reading', done: total, total });
	if (errors.length > 0) throw rowProblem(errors, total);
	const levels = await readLevels(ctx, rows);
	const problems = check(rows, levels);
	onProgress({ phase: 'checking', done: total, total });
	if (problems.length > 0) throw rowProblem(problems, total);
	const changes = rows.filter((r) => r.onHand !== levels.get(pairKey(r))!.onHand);
	const result: CsvImportResult = {
		kind: 'stock',
		dryRun,
		applied: false,
		rows: total,
		created: 0,
		updated: changes.length,
		unchanged: total - changes.length,
		ignoredColumns: table.ignoredColumns,
		preview: changes.slice(0, PREVIEW).map((r) => ({
			line: r.line,
			sku: r.sku,
			what: `on hand at ${r.location}`,
			from: String(levels.get(pairKey(r))!.onHand),
			to: String(r.onHand)
		}))
	};
	if (dryRun) return result;
	onProgress({ phase: 'writing', done: 0, total });
	const read = JSON.stringify(
		rows.map((r) => {
			const level = levels.get(pairKey(r))!;
			return [level.productId, level.locationId, level.version];
		})
	);
	const movements = changes.flatMap((r): BatchItems => {
		const level = levels.get(pairKey(r))!;
		return count(ctx.db, {
			productId: level.productId!,
			locationId: level.locationId!,
			delta: r.onHand - level.onHand,
			reason: 'Stock file import',
			actorId: actorId(ctx),
			at: ctx.now
		});
	}) as unknown as BatchItems;
	try {
		const applied = await mutate<CsvImportResult>(ctx, {
			writes: [
				// Every level of the file is still at the version this decision was made from.
				ctx.db.run(sql`INSERT INTO preconditions (subject, held)
					SELECT 'stock_level', NOT EXISTS (
						SELECT 1 FROM json_each(${read}) j
						LEFT JOIN stock_levels s ON s.product_id = json_extract(j.value, '$[0]')
							AND s.location_id = json_extract(j.value, '$[1]')
						WHERE coalesce(s.version, 0) <> json_extract(j.value, '$[2]'))`),
				...movements,
				auditEntry(ctx, {
					action: 'inventory.import',
					target: { type: 'stock', id: ctx.requestId },
					details: { rows: total, changed: changes.length }
				})
			],
			result: sql`SELECT json(${JSON.stringify({ ...result, applied: true })})`
		});
		onProgress({ phase: 'writing', done: total, total });
		return applied;
	} catch (error) {
		if (error instanceof DomainError && error.code === 'stock-level-changed')
			throw new Conflict(
				'stock-level-changed',
				'Stock moved while the file was being imported; nothing was imported',
				'An order or a count changed a level of the file a moment ago. Import the file again: it is checked against the levels as they are then.'
			);
		throw error;
	}
}
