import { migrate, migrationLevel } from '../../db/migrate';
import { parseCommand, UsageError, type Command } from './command';
import { databaseUrl, DB_HELP, DB_OPTION, displayUrl, openDatabase } from './database';

export const command: Command = {
	help: `Usage: npm run ordo -- migrate [--db URL]

Applies every migration this version carries that the database has not seen, each in
one transaction. Safe to run again; the app also migrates on its first request.

${DB_HELP}`,
	async run(argv) {
		const { values, positionals } = parseCommand('migrate', argv, DB_OPTION);
		if (values.help) return void console.log(this.help);
		if (positionals.length > 0)
			throw new UsageError(`unexpected argument "${positionals[0]}"`, 'migrate');
		const url = databaseUrl(values.db);
		const client = await openDatabase(url);
		try {
			const before = await migrationLevel(client);
			const after = await migrate(client);
			const applied = after.applied.length - before.applied.length;
			console.log(
				`${displayUrl(url)}: ${applied === 0 ? 'already up to date' : `applied ${applied} migration(s)`}`
			);
			console.log(`migration level: ${after.level ?? '(none)'}`);
		} finally {
			client.close();
		}
	}
};
