import * as v from 'valibot';
import { drizzleOver } from '../../db/client';
import { migrate } from '../../db/migrate';
import { ROLES } from '../../db/schema/auth';
import { systemCtx } from '../../worker/core/context';
import { DomainError } from '../../worker/core/errors';
import { createUser } from '../../worker/features/auth/create-user';
import { Email } from '../../worker/features/auth/schemas';
import { CommandFailed, UsageError } from './command';
import { loadOrCreateDataKey } from './data-key';
import { openDatabase } from './database';
import { generatePassword } from './generate-password';

const CreateUserArgs = v.object({
	email: v.pipe(
		v.string('--email is required'),
		v.trim(),
		v.nonEmpty('--email is required'),
		Email
	),
	role: v.picklist(ROLES, `--role must be one of: ${ROLES.join(', ')}`),
	name: v.optional(
		v.pipe(v.string(), v.trim(), v.nonEmpty('--name must not be empty'), v.maxLength(200))
	),
	password: v.optional(v.string())
});

// "warehouse.lead@shop.test" → "Warehouse Lead": a name to show until the person sets theirs.
const nameFromEmail = (email: string) =>
	email
		.split('@')[0]!
		.split(/[._-]+/)
		.filter(Boolean)
		.map((w) => w[0]!.toUpperCase() + w.slice(1))
		.join(' ') || email;

/** `ordo user create`: checks the arguments, creates the account, prints what to hand over. */
export async function createUserAccount(url: string, args: Record<string, unknown>): Promise<void> {
	const parsed = v.safeParse(CreateUserArgs, args);
	if (!parsed.success) throw new UsageError(parsed.issues[0].message, 'user');
	const { email, role } = parsed.output;
	const name = parsed.output.name ?? nameFromEmail(email);
	const password = parsed.output.password ?? generatePassword({ email, name });
	const client = await openDatabase(url);
	try {
		await migrate(client);
		const user = await createUser({
			ctx: systemCtx(drizzleOver(client), Date.now(), loadOrCreateDataKey()),
			input: { email, name, role, password }
		});
		// The id and role only: the email is personal data and the operator just typed it.
		console.log(`created ${user.role} account ${user.id}`);
		if (parsed.output.password === undefined) {
			console.log(`password (shown once; store it in a password manager): ${password}`);
		}
	} catch (error) {
		if (error instanceof DomainError) {
			throw new CommandFailed(`${error.title}${error.detail ? `: ${error.detail}` : ''}`);
		}
		throw error;
	} finally {
		client.close();
	}
}
