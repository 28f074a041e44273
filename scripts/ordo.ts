// The admin CLI: `npm run ordo -- <command> [options]`. Node-only; each command lives in
// scripts/cli/<command>.ts. Exit codes: 0 done, 1 could not do it, 2 bad usage.
import { DomainError } from '../worker/core/errors';
import { CommandFailed, UsageError, type Command } from './cli/command';

type Entry = { name: string; summary: string; load: () => Promise<{ command: Command }> };

// Loaded on demand, so `--help` and a typo answer at once instead of after loading drizzle.
const COMMANDS: Entry[] = [
	{
		name: 'migrate',
		summary: 'bring the database schema up to date',
		load: () => import('./cli/migrate')
	},
	{
		name: 'seed',
		summary: 'fill an empty database with the demo shop (real 2010 retail data)',
		load: () => import('./cli/seed')
	},
	{
		name: 'user',
		summary: 'manage staff accounts (user create)',
		load: () => import('./cli/user')
	},
	{
		name: 'import',
		summary: 'load a CSV file of one kind of record',
		load: () => import('./cli/import')
	},
	{
		name: 'export',
		summary: 'write one kind of record as CSV',
		load: () => import('./cli/export')
	},
	{
		name: 'status',
		summary: 'show the migration level and how many rows each table holds',
		load: () => import('./cli/status')
	},
	{
		name: 'inventory',
		summary: 'check the stock ledger (inventory verify)',
		load: () => import('./cli/inventory')
	},
	{
		name: 'customers',
		summary: 'customer tools (customers duplicates)',
		load: () => import('./cli/customers')
	}
];

const HELP = `Ordo admin CLI

Usage: npm run ordo -- <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Every command takes --db URL (default: $LIBSQL_URL, else file:.data/ordo.db) and --help.
Run "npm run ordo -- <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined) {
		console.error(HELP);
		return 2;
	}
	if (name === '--help' || name === '-h' || name === 'help') {
		const topic = COMMANDS.find((c) => c.name === rest[0]);
		console.log(topic ? (await topic.load()).command.help : HELP);
		return 0;
	}
	const entry = COMMANDS.find((c) => c.name === name);
	if (!entry) {
		throw new UsageError(
			`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`
		);
	}
	await (await entry.load()).command.run(rest);
	return 0;
}

function report(error: unknown): number {
	if (error instanceof UsageError) {
		const help = error.command
			? `npm run ordo -- ${error.command} --help`
			: 'npm run ordo -- --help';
		console.error(`ordo: ${error.message}\nRun "${help}" for usage.`);
		return 2;
	}
	if (error instanceof CommandFailed) {
		console.error(`ordo: ${error.message}`);
		return 1;
	}
	if (error instanceof DomainError) {
		console.error(`ordo: ${error.title}${error.detail ? `: ${error.detail}` : ''}`);
		return 1;
	}
	// Unexpected: the error's own words (a driver or file-system message), no stack.
	console.error(
		`ordo: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
	);
	return 1;
}

process.exitCode = await main(process.argv.slice(2)).catch(report);
