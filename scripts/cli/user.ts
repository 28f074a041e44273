import { parseCommand, UsageError, type Command } from './command';
import { databaseUrl, DB_HELP, DB_OPTION } from './database';

// Kept in step with ROLES in db/schema/auth.ts (tests/api/cli.test.ts checks): importing
// the schema here would load drizzle just to print help.
const ROLE_NAMES = 'admin | manager | support | warehouse';

const HELP = `Usage: npm run ordo -- user create --email E --role R [--name N] [--password P] [--db URL]

Creates a staff account. Without --password a strong one is generated and printed once:
hand it over safely. A password given with --password stays in your shell history; prefer
the generated one. Passwords need 12+ characters and must not be common or contain the
person's name or email (PCI DSS 8.3.6).

  --email E     the person's work email (unique)
  --role R      ${ROLE_NAMES}
  --name N      their name (default: from the email)
  --password P  use this password instead of generating one
${DB_HELP}`;

export const command: Command = {
	help: HELP,
	async run(argv) {
		const { values, positionals } = parseCommand('user', argv, {
			...DB_OPTION,
			email: { type: 'string' },
			role: { type: 'string' },
			name: { type: 'string' },
			password: { type: 'string' }
		});
		if (values.help) return void console.log(HELP);
		const [action, extra] = positionals;
		if (action !== 'create') {
			const problem = action
				? `unknown user action "${action}"; known: create`
				: 'say what to do: user create';
			throw new UsageError(problem, 'user');
		}
		if (extra) throw new UsageError(`unexpected argument "${extra}"`, 'user');
		const { db, ...args } = values;
		const { createUserAccount } = await import('./user-create');
		await createUserAccount(databaseUrl(db), args);
	}
};
