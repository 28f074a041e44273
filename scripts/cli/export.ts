import { createWriteStream } from 'node:fs';
import { parseCommand, UsageError, type Command } from './command';
import { databaseUrl, DB_HELP, DB_OPTION, openDatabase } from './database';
import { describeKinds, findKind } from './kinds';

export const command: Command = {
	get help() {
		return `Usage: npm run ordo -- export <kind> [--out FILE] [--db URL]

Writes every record of the kind as CSV with a header row, to FILE or standard output.

Known kinds: ${describeKinds('export')}
  --out FILE   write to FILE instead of standard output
${DB_HELP}`;
	},
	async run(argv) {
		const { values, positionals } = parseCommand('export', argv, {
			...DB_OPTION,
			out: { type: 'string' }
		});
		if (values.help) return void console.log(this.help);
		const [name, extra] = positionals;
		if (!name)
			throw new UsageError(
				`say which kind to export; known kinds: ${describeKinds('export')}`,
				'export'
			);
		const found = findKind(name, 'export');
		if ('error' in found) throw new UsageError(found.error, 'export');
		if (extra) throw new UsageError(`unexpected argument "${extra}"`, 'export');
		const client = await openDatabase(databaseUrl(values.db));
		const out = values.out ? createWriteStream(values.out) : process.stdout;
		try {
			await found.kind.exportCsv!({ client, write: (chunk) => void out.write(chunk) });
		} finally {
			client.close();
			if (out !== process.stdout) await new Promise<void>((done) => out.end(() => done()));
		}
	}
};
