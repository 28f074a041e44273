import type { Client } from '@libsql/client';
import { DEMO_USERS } from '../seed/demo-users';

/**
 * The demo accounts present in this database, as lines to print. The passwords are public
 * demo credentials (see scripts/seed/demo-users.ts); accounts not in the database are not shown.
 */
export async function demoLogins(client: Client): Promise<string[]> {
	const found = await client.execute({
		sql: `SELECT email FROM users WHERE email IN (${DEMO_USERS.map(() => '?').join(', ')})`,
		args: DEMO_USERS.map((u) => u.email)
	});
	const present = new Set(found.rows.map((r) => String(r.email)));
	return DEMO_USERS.filter((u) => present.has(u.email)).map(
		(u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(22)} ${u.password}`
	);
}
