import type { Client, InStatement } from '@libsql/client';

// Tables that grow with the shop: reading every row of one is a request that slows
// down as the business grows. Small reference tables (locations) may be scanned.
export const LARGE_TABLES = [
	'products',
	'stock_levels',
	'stock_movements',
	'customers',
	'orders',
	'order_lines'
];

const KEYWORDS = 'where left inner cross natural join on using order group limit set values union';
const NOT_ALIASES = new Set(KEYWORDS.split(' '));

export type Plan = { sql: string; lines: string[]; scans: string[] };

/** Every name a large table goes by in the statement: itself and its aliases. */
function largeTableNames(sql: string): Map<string, string> {
	const names = new Map(LARGE_TABLES.map((t) => [t, t]));
	const from = /\b(?:from|join)\s+["`]?(\w+)["`]?(?:\s+(?:as\s+)?["`]?(\w+)["`]?)?/gi;
	for (const [, table, alias] of sql.matchAll(from)) {
		const word = alias?.toLowerCase();
		if (!table || !word || !names.has(table)) continue;
		if (NOT_ALIASES.has(word)) continue;
		names.set(alias!, table);
	}
	return names;
}

/** EXPLAIN QUERY PLAN, drawn as SQLite's shell draws it, with any scan of a large table. */
export async function explain(client: Client, statement: InStatement): Promise<Plan> {
	const { sql, args } = typeof statement === 'string' ? { sql: statement, args: [] } : statement;
	const result = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
	const depth = new Map<number, number>([[0, -1]]);
	const names = largeTableNames(sql);
	const lines: string[] = [];
	const scans: string[] = [];
	for (const row of result.rows) {
		const level = (depth.get(Number(row.parent)) ?? -1) + 1;
		depth.set(Number(row.id), level);
		const detail = String(row.detail);
		lines.push(`${'  '.repeat(level)}${detail}`);
		// "SCAN p USING INDEX …" still reads the whole index, so any SCAN counts;
		// "SCAN products_fts VIRTUAL TABLE" is an FTS index lookup and does not match.
		const [, scanned, virtual] = /^SCAN (\S+)( VIRTUAL)?/.exec(detail) ?? [];
		const table = scanned && !virtual ? names.get(scanned) : undefined;
		if (table) scans.push(`${detail} (table ${table})`);
	}
	return { sql: sql.replace(/\s+/g, ' ').trim(), lines, scans };
}
