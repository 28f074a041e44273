import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * What a command module exports: its full help and what it does. Heavy dependencies
 * (drizzle, faker, the libSQL driver) are imported inside `run`, so `--help` and usage
 * errors answer without loading them.
 */
export type Command = {
	help: string;
	run(argv: string[]): Promise<void>;
};

/** The person typed something Ordo cannot act on: exit code 2 and a pointer to --help. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
	constructor(
		message: string,
		readonly command?: string
	) {
		super(message);
	}
}

/** A command that ran and could not do its work: exit code 1 and a message. */
export class CommandFailed extends Error {
	override readonly name = 'CommandFailed';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * util.parseArgs, strict, with --help on every command; a parse error becomes a
 * UsageError naming the command, so the person gets that command's usage.
 */
export function parseCommand<O extends Options>(command: string, argv: string[], options: O) {
	try {
		return parseArgs({
			args: argv,
			options: { ...options, help: { type: 'boolean', short: 'h' } },
			allowPositionals: true,
			strict: true
		});
	} catch (error) {
		throw new UsageError(
			(error as Error).message.replace(/\. To specify a positional.*$/s, '.'),
			command
		);
	}
}
