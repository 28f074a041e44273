import type { Client, InStatement, InValue } from '@libsql/client';

// 500 rows a statement keeps the bound parameters (rows × columns) well under SQLite's
// 32,766 limit for every table here; 40 statements a batch bounds the memory one batch holds.
export const ROWS_PER_STATEMENT = 500;
export const STATEMENTS_PER_BATCH = 40;

/** Multi-row INSERTs for `rows`, each row a value per column in `columns` order. */
export function insertStatements(
	table: string,
	columns: readonly string[],
	rows: readonly InValue[][],
	rowsPerStatement = ROWS_PER_STATEMENT
): InStatement[] {
	const statements: InStatement[] = [];
	const tuple = `(${columns.map(() => '?').join(', ')})`;
	for (let start = 0; start < rows.length; start += rowsPerStatement) {
		const chunk = rows.slice(start, start + rowsPerStatement);
		statements.push({
			sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
			args: chunk.flat()
		});
	}
	return statements;
}

/**
 * Runs the statements in write batches. Each batch is one transaction; a seed that must be
 * all-or-nothing passes `perBatch: Infinity` so everything is one batch.
 */
export async function runInBatches(
	client: Client,
	statements: InStatement[],
	perBatch = STATEMENTS_PER_BATCH
): Promise<void> {
	const size = Number.isFinite(perBatch) ? perBatch : Math.max(statements.length, 1);
	for (let start = 0; start < statements.length; start += size) {
		await client.batch(statements.slice(start, start + size), 'write');
	}
}
