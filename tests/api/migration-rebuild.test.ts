// Migrations stay safe when a CHECK list grows (issue 6 §5): db/rebuild.ts. Run over a
// file (Node, the CLI) and over libSQL HTTP (workerd, Turso), where the PRAGMA and the
// transaction must share one stream.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { createClient as createWebClient } from '@libsql/client/web';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationLevel, type Migration } from '../../db/migrate';
import { migrations } from '../../db/migrations.generated';
import { rebuiltTables } from '../../db/rebuild';
import { startHranaServer, type HranaServer } from '../../scripts/hrana/server';

const freshFile = () => `file:${join(mkdtempSync(join(tmpdir(), 'ordo-rebuild-')), 'db.sqlite')}`;
const servers: HranaServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

const TRANSPORTS: [string, () => Promise<Client>][] = [
	['file', async () => createClient({ url: freshFile() })],
	[
		'libSQL HTTP',
		async () => {
			const server = await startHranaServer({ url: freshFile() });
			servers.push(server);
			return createWebClient({ url: server.url });
		}
	]
];

// Every trigger the migrations create, by name. A migration that loses one (a table
// rebuild drops its table's triggers) fails here; a new trigger is added to this list.
const EXPECTED_TRIGGERS = [
	'audit_checkpoints_no_delete',
	'audit_checkpoints_no_update',
	'audit_checkpoints_valid',
	'audit_log_delete_only_purged',
	'audit_log_fields_fixed',
	'audit_log_insert_at_end',
	'audit_log_insert_unsealed',
	'audit_log_seal_once',
	'products_fts_delete',
	'products_fts_insert',
	'products_fts_update',
	'stock_movements_no_delete',
	'stock_movements_no_update',
	'target_checks_api_key',
	'target_checks_session',
	'target_checks_user',
	'users_keep_an_active_admin',
	'users_totp_step_forward'
];

async function names(client: Client, type: string): Promise<string[]> {
	const { rows } = await client.execute({
		sql: 'SELECT name FROM sqlite_master WHERE type = ? ORDER BY name',
		args: [type]
	});
	return rows.map((r) => String(r.name));
}

async function health(client: Client) {
	const fk = await client.execute('PRAGMA foreign_key_check');
	const integrity = await client.execute('PRAGMA integrity_check');
	return { foreignKeyViolations: fk.rows.length, integrity: String(integrity.rows[0]![0]) };
}

const count = async (client: Client, table: string) =>
	Number((await client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

/** One admin and one warehouse person, each with a session and a recovery code. */
async function someStaff(client: Client): Promise<void> {
	await client.batch(
		[
			"INSERT INTO users (id, email, name, role, password_hash) VALUES ('u-admin', 'a@x.test', 'A', 'admin', 'h')",
			"INSERT INTO users (id, email, name, role, password_hash) VALUES ('u-ware', 'w@x.test', 'W', 'warehouse', 'h')",
			"INSERT INTO sessions (id, user_id, last_used_at, idle_expires_at, absolute_expires_at) VALUES ('s1', 'u-admin', 1, 2, 3), ('s2', 'u-ware', 1, 2, 3)",
			"INSERT INTO recovery_codes (user_id, code_hash) VALUES ('u-admin', 'c1'), ('u-ware', 'c2')"
		],
		'write'
	);
}

/**
 * What drizzle-kit writes to add a value to users.role's CHECK list: a table rebuild,
 * wrapped in the foreign-keys PRAGMAs that are no-ops inside a transaction.
 */
async function addOwnerRole(client: Client, copyWhere = ''): Promise<Migration> {
	const { rows } = await client.execute(
		"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'"
	);
	const current = String(rows[0]!.sql);
	const widened = current
		.replace(/CREATE TABLE [`"]?users[`"]?/, 'CREATE TABLE `__new_users`')
		.replaceAll('"users".', '"__new_users".')
		.replace("'warehouse')", "'warehouse', 'owner')");
	expect(widened).not.toBe(current);
	return {
		tag: '9000_owner_role',
		hash: 'test',
		statements: [
			'PRAGMA foreign_keys=OFF;',
			widened,
			`INSERT INTO \`__new_users\` SELECT * FROM \`users\` ${copyWhere};`,
			'DROP TABLE `users`;',
			'ALTER TABLE `__new_users` RENAME TO `users`;',
			'PRAGMA foreign_keys=ON;',
			'CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);'
		]
	};
}

describe.each(TRANSPORTS)('migrations from zero over %s', (_, freshClient) => {
	it('create every expected trigger and leave a consistent database', async () => {
		const client = await freshClient();
		await migrate(client);
		expect(await names(client, 'trigger')).toEqual(EXPECTED_TRIGGERS);
		expect(await names(client, 'view')).toEqual(['target_checks']);
		expect(await health(client)).toEqual({ foreignKeyViolations: 0, integrity: 'ok' });
	});
});

describe.each(TRANSPORTS)('a table rebuild (a CHECK list change) over %s', (_, freshClient) => {
	it('is recognised: dropped, then something renamed to its name', () => {
		expect(
			rebuiltTables(['DROP TABLE `users`;', 'ALTER TABLE `__new_users` RENAME TO `users`;'])
		).toEqual(['users']);
		expect(rebuiltTables(['DROP TABLE `old_things`;'])).toEqual([]);
	});

	it('keeps the child rows, the triggers, the view and the data', async () => {
		const client = await freshClient();
		await migrate(client);
		await someStaff(client);
		const owner = await addOwnerRole(client);
		await migrate(client, [...migrations, owner]);

		expect((await migrationLevel(client, [...migrations, owner])).pending).toEqual([]);
		expect(await count(client, 'users')).toBe(2);
		expect(await count(client, 'sessions')).toBe(2);
		expect(await count(client, 'recovery_codes')).toBe(2);
		expect(await names(client, 'trigger')).toEqual(EXPECTED_TRIGGERS);
		expect(await names(client, 'view')).toEqual(['target_checks']);
		expect(await health(client)).toEqual({ foreignKeyViolations: 0, integrity: 'ok' });
		// The new value is accepted, and the re-created guard still guards.
		await client.execute("UPDATE users SET role = 'owner' WHERE id = 'u-ware'");
		await expect(
			client.execute("UPDATE users SET role = 'support' WHERE id = 'u-admin'")
		).rejects.toThrow(/users_last_active_admin/);
		// Foreign keys are back on afterwards.
		await expect(
			client.execute(
				"INSERT INTO sessions (id, user_id, last_used_at, idle_expires_at, absolute_expires_at) VALUES ('s3', 'nobody', 1, 2, 3)"
			)
		).rejects.toThrow(/FOREIGN KEY/);
	});

	it('as a plain batch would have emptied the child tables and lost the guards (why the plan exists)', async () => {
		const client = await freshClient();
		await migrate(client);
		await someStaff(client);
		const owner = await addOwnerRole(client);
		await client.batch(owner.statements, 'write');
		expect(await count(client, 'sessions')).toBe(0);
		expect(await count(client, 'recovery_codes')).toBe(0);
		expect(await names(client, 'trigger')).not.toContain('users_keep_an_active_admin');
	});

	it('that would leave foreign keys pointing nowhere applies nothing', async () => {
		const client = await freshClient();
		await migrate(client);
		await someStaff(client);
		const lossy = await addOwnerRole(client, "WHERE role <> 'warehouse'");
		await expect(migrate(client, [...migrations, lossy])).rejects.toThrow(
			/foreign keys point nowhere; nothing was applied/
		);
		expect(await count(client, 'users')).toBe(2);
		expect(await count(client, 'sessions')).toBe(2);
		expect(await names(client, 'trigger')).toEqual(EXPECTED_TRIGGERS);
		expect((await migrationLevel(client, [...migrations, lossy])).pending).toEqual([
			'9000_owner_role'
		]);
		// Foreign keys are on again after the failed attempt.
		expect((await client.execute('PRAGMA foreign_keys')).rows[0]![0]).toBe(1);
	});
});
