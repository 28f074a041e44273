import type { Client } from '@libsql/client';
import { migrationLevel } from '../../db/migrate';
import { parseCommand, UsageError, type Command } from './command';
import { databaseUrl, DB_HELP, DB_OPTION, displayUrl, openDatabase } from './database';

// Tables worth counting: not SQLite's own, not the migration ledger, not the search
// indexes' internals (an FTS5 table and its shadow tables repeat the products table; so
// do the word index product_words and its vocabulary).
async function rowCounts(client: Client): Promise<[string, number][]> {
	const tables = await client.execute(
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
		 AND name NOT LIKE '\\_ordo%' ESCAPE '\\' AND name NOT LIKE '%\\_fts' ESCAPE '\\'
		 AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\' AND name NOT LIKE 'product\\_words%' ESCAPE '\\'
		 ORDER BY name`
	);
	const names = tables.rows.map((r) => String(r.name));
	if (names.length === 0) return [];
	const counts = await client.batch(
		names.map((n) => `SELECT count(*) AS n FROM "${n.replaceAll('"', '""')}"`),
		'read'
	);
	return names.map((n, i) => [n, Number(counts[i]!.rows[0]!.n)]);
}

export const command: Command = {
	help: `Usage: npm run ordo -- status [--db URL]

Prints the database, its migration level (applied and pending) and a row count per table.

${DB_HELP}`,
	async run(argv) {
		const { values, positionals } = parseCommand('status', argv, DB_OPTION);
		if (values.help) return void console.log(this.help);
		if (positionals.length > 0)
			throw new UsageError(`unexpected argument "${positionals[0]}"`, 'status');
		const url = databaseUrl(values.db);
		const client = await openDatabase(url);
		try {
			const level = await migrationLevel(client);
			console.log(`database:        ${displayUrl(url)}`);
			console.log(`migration level: ${level.level ?? '(none: run `npm run ordo -- migrate`)'}`);
			console.log(`applied:         ${level.applied.length}, pending: ${level.pending.length}`);
			for (const tag of level.pending) console.log(`  pending ${tag}`);
			const counts = await rowCounts(client);
			if (counts.length > 0) console.log('rows:');
			const width = Math.max(...counts.map(([n]) => n.length));
			for (const [name, n] of counts)
				console.log(`  ${name.padEnd(width)}  ${n.toLocaleString('en-GB')}`);
		} finally {
			client.close();
		}
	}
};
