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
	'customer_duplicate_queue_address_delete',
	'customer_duplicate_queue_address_insert',
	'customer_duplicate_queue_address_update',
	'customer_duplicate_queue_customer_insert',
	'customer_duplicate_queue_customer_update',
	'customer_duplicate_queue_email_delete',
	'customer_duplicate_queue_email_insert',
	'customer_duplicate_queue_email_update',
	'customer_duplicate_queue_phone_delete',
	'customer_duplicate_queue_phone_insert',
	'customer_duplicate_queue_phone_update',
	'customer_search_address_delete',
	'customer_search_address_insert',
	'customer_search_address_update',
	'customer_search_customer_delete',
	'customer_search_customer_insert',
	'customer_search_customer_update',
	'customer_search_email_delete',
	'customer_search_email_insert',
	'customer_search_email_update',
	'customer_search_phone_delete',
	'customer_search_phone_insert',
	'customer_search_phone_update',
	'customers_assign_seq',
	'payments_captured_covers_refunds',
	'preconditions_count_line',
	'preconditions_count_line_awaiting',
	'preconditions_count_task_open',
	'preconditions_customer',
	'preconditions_customer_live',
	'preconditions_order',
	'preconditions_payment',
	'preconditions_purchase_order',
	'preconditions_return',
	'preconditions_return_shipment',
	'preconditions_return_unit',
	'preconditions_shipment',
	'preconditions_stock_level',
	'preconditions_transfer',
	'product_words_delete',
	'product_words_insert',
	'product_words_update',
	'products_fts_delete',
	'products_fts_insert',
	'products_fts_update',
	'refunds_to_store_credit',
	'refunds_within_captured_insert',
	'refunds_within_captured_update',
	'return_lines_within_shipped_insert',
	'return_lines_within_shipped_update',
	'return_overrides_fixed',
	'return_overrides_no_delete',
	'return_policies_fixed',
	'return_policies_no_delete',
	'return_receipts_fixed',
	'return_receipts_no_delete',
	'stock_alerts_close_on_update',
	'stock_alerts_open_on_insert',
	'stock_alerts_open_on_update',
	'stock_alerts_product_point',
	'stock_levels_emit_changed_insert',
	'stock_levels_emit_changed_update',
	'stock_levels_version',
	'stock_movements_no_delete',
	'stock_movements_no_update',
	'store_credit_entries_fixed',
	'store_credit_entries_no_delete',
	'store_credit_no_overdraw',
	'target_checks_api_key',
	'target_checks_count_line',
	'target_checks_count_task',
	'target_checks_customer',
	'target_checks_order',
	'target_checks_payment',
	'target_checks_session',
	'target_checks_shipment',
	'target_checks_user',
	'target_checks_webhook_delivery',
	'target_checks_webhook_endpoint',
	'timeline_events_fixed',
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
		expect(await names(client, 'view')).toEqual(['preconditions', 'target_checks']);
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
		expect(await names(client, 'view')).toEqual(['preconditions', 'target_checks']);
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

describe.each(TRANSPORTS)('the orders migrations (0012–0014) over %s', (_, freshClient) => {
	it('keep orders written before them, whole, and fill in what each line cost and where it is reserved', async () => {
		const client = await freshClient();
		const before = migrations.findIndex((m) => m.tag.startsWith('0012_'));
		expect(before).toBeGreaterThan(0);
		await migrate(client, migrations.slice(0, before));
		await client.batch(
			[
				"INSERT INTO locations (id, code, name) VALUES ('loc', 'MAIN', 'Main')",
				"INSERT INTO products (id, sku, name, price_minor) VALUES ('p1', 'SKU1', 'Mug', 250)",
				"INSERT INTO stock_levels (product_id, location_id, on_hand, reserved) VALUES ('p1', 'loc', 10, 2)",
				"INSERT INTO stock_movements (id, product_id, location_id, kind, on_hand_delta, reserved_delta, reason, reference) VALUES ('m1', 'p1', 'loc', 'reservation', 0, 2, 'order', '536365')",
				"INSERT INTO orders (id, number, status, total_minor, placed_at) VALUES ('o1', '536365', 'picked', 500, 1), ('o2', '536366', 'delivered', 250, 2)",
				"INSERT INTO order_lines (order_id, line, product_id, sku, name, quantity, unit_price_minor) VALUES ('o1', 1, 'p1', 'SKU1', 'Mug', 2, 250), ('o2', 1, 'p1', 'SKU1', 'Mug', 1, 250)"
			],
			'write'
		);
		await migrate(client);

		const lines = await client.execute(
			'SELECT order_id, net_minor, location_id, quantity_shipped, kind FROM order_lines ORDER BY order_id'
		);
		expect(lines.rows.map((r) => ({ ...r }))).toEqual([
			{ order_id: 'o1', net_minor: 500, location_id: 'loc', quantity_shipped: 0, kind: 'product' },
			{ order_id: 'o2', net_minor: 250, location_id: null, quantity_shipped: 1, kind: 'product' }
		]);
		const orders = await client.execute(
			'SELECT id, status, version, subtotal_minor, payment_status, fulfilment_status FROM orders ORDER BY id'
		);
		expect(orders.rows.map((r) => ({ ...r }))).toEqual([
			{
				id: 'o1',
				status: 'picked',
				version: 1,
				subtotal_minor: 500,
				payment_status: 'paid',
				fulfilment_status: 'unfulfilled'
			},
			{
				id: 'o2',
				status: 'delivered',
				version: 1,
				subtotal_minor: 250,
				payment_status: 'paid',
				fulfilment_status: 'fulfilled'
			}
		]);
		expect(await names(client, 'trigger')).toEqual(EXPECTED_TRIGGERS);
		expect(await health(client)).toEqual({ foreignKeyViolations: 0, integrity: 'ok' });
		// The new statuses and guards are in force.
		await client.execute("UPDATE orders SET status = 'picking' WHERE id = 'o1'");
		await expect(
			client.execute("UPDATE order_lines SET quantity_shipped = 3 WHERE order_id = 'o1'")
		).rejects.toThrow(/order_lines_shipped_within_quantity/);
	});

	it('refuse a refund above what was captured, counting every refund that has not failed', async () => {
		const client = await freshClient();
		await migrate(client);
		await client.batch(
			[
				"INSERT INTO orders (id, number, status, total_minor, placed_at) VALUES ('o1', 'ORD-1', 'paid', 1000, 1)",
				"INSERT INTO payments (id, order_id, provider, provider_ref, amount_minor, status, captured_minor) VALUES ('pay', 'o1', 'sandbox', 'cs_1', 1000, 'succeeded', 1000)",
				"INSERT INTO refunds (id, payment_id, order_id, amount_minor, reason, status, idempotency_key) VALUES ('r1', 'pay', 'o1', 600, 'damaged', 'succeeded', 'k1'), ('r2', 'pay', 'o1', 400, 'late', 'failed', 'k2')"
			],
			'write'
		);
		const refund = (id: string, amount: number, status = 'pending') =>
			client.execute(
				`INSERT INTO refunds (id, payment_id, order_id, amount_minor, reason, status, idempotency_key) VALUES ('${id}', 'pay', 'o1', ${amount}, 'x', '${status}', '${id}')`
			);
		await expect(refund('r3', 401)).rejects.toThrow(/refund_exceeds_captured/);
		await refund('r3', 400);
		// The failed one cannot come back to life now: there is nothing left to refund.
		await expect(
			client.execute("UPDATE refunds SET status = 'manual' WHERE id = 'r2'")
		).rejects.toThrow(/refund_exceeds_captured/);
		await refund('r4', 1, 'failed');
		await expect(
			client.execute("UPDATE payments SET card_last4 = '12a4' WHERE id = 'pay'")
		).rejects.toThrow(/payments_card_last4_digits/);
	});
});
