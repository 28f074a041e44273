import type { Client } from '@libsql/client';
import { drizzleOver } from '../../db/client';
import { systemCtx } from '../../worker/core/context';
import { createUser } from '../../worker/features/auth/create-user';
import { DomainError } from '../../worker/core/errors';
import { DEMO_USERS } from './demo-users';

/**
 * Creates the demo accounts through the same verb as the CLI and the admin screen, so they
 * meet the same password policy. An address someone already created is left as it is.
 */
export async function seedDemoUsers(
	client: Client,
	now: number,
	dataKey: string | null
): Promise<number> {
	// The data key MACs the audit entries the accounts write (worker/features/audit/entry-mac.ts).
	const ctx = systemCtx(drizzleOver(client), now, dataKey);
	let created = 0;
	for (const user of DEMO_USERS) {
		try {
			await createUser({ ctx, input: user });
			created += 1;
		} catch (error) {
			if (!(error instanceof DomainError && error.code === 'email-taken')) throw error;
		}
	}
	return created;
}
