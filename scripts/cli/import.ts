import { existsSync } from 'node:fs';
import { migrate } from '../../db/migrate';
import { CommandFailed, parseCommand, UsageError, type Command } from './command';
import { databaseUrl, DB_HELP, DB_OPTION, openDatabase } from './database';
import { describeKinds, findKind } from './kinds';

export const command: Command = {
	get help() {
		return `Usage: npm run ordo -- import <kind> FILE [--dry-run] [--map Field=Column]… [--db URL]

Reads FILE (CSV with a header row) and writes its records. Every row is checked first;
a file with a bad row changes nothing and the error names the line.

  --dry-run    check the whole file and say what it would do; write nothing
  --map F=C    read field F from column C (repeatable), or --map FILE.json

Known kinds: ${describeKinds('import')}
${DB_HELP}`;
	},
	async run(argv) {
		const { values, positionals } = parseCommand('import', argv, {
			...DB_OPTION,
			'dry-run': { type: 'boolean' },
			map: { type: 'string', multiple: true }
		});
		if (values.help) return void console.log(this.help);
		const [name, file, extra] = positionals;
		if (!name)
			throw new UsageError(
				`say which kind to import; known kinds: ${describeKinds('import')}`,
				'import'
			);
		const found = findKind(name, 'import');
		if ('error' in found) throw new UsageError(found.error, 'import');
		if (!file) throw new UsageError(`say which FILE to import as ${name}`, 'import');
		if (extra) throw new UsageError(`unexpected argument "${extra}"`, 'import');
		if (!existsSync(file)) throw new CommandFailed(`no such file: ${file}`);
		const client = await openDatabase(databaseUrl(values.db));
		try {
			await migrate(client);
			console.log(
				await found.kind.importFile!({
					client,
					path: file,
					now: Date.now(),
					dryRun: values['dry-run'] ?? false,
					map: values.map ?? []
				})
			);
		} finally {
			client.close();
		}
	}
};
