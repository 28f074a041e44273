import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations.generated';
import { ROLES } from '../../db/schema/auth';
import { verifyPassword } from '../../worker/features/auth/password';

type Run = { code: number; stdout: string; stderr: string };

const dir = mkdtempSync(join(tmpdir(), 'ordo-cli-'));
const url = `file:${join(dir, 'ordo.db')}`;

/** Runs the CLI as a person would, against this file's own database. */
function ordo(...args: string[]): Promise<Run> {
	const env: NodeJS.ProcessEnv = { ...process.env, LIBSQL_URL: url };
	delete env.LIBSQL_AUTH_TOKEN;
	return new Promise((done) => {
		execFile('npx', ['tsx', 'scripts/ordo.ts', ...args], { env }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			done({ code, stdout, stderr });
		});
	});
}

const userRow = async (email: string) => {
	const client = createClient({ url });
	const { rows } = await client.execute({
		sql: 'SELECT * FROM users WHERE email = ?',
		args: [email]
	});
	client.close();
	return rows[0] as unknown as { email: string; role: string; password_hash: string } | undefined;
};

// Each run starts Node and tsx: allow for a busy machine.
const slow = { timeout: 90_000 };

// Independent runs with no database writes, so they run side by side.
describe.concurrent('ordo CLI: help and usage errors', slow, () => {
	it('lists every command with --help and exits 0', async () => {
		const run = await ordo('--help');
		expect(run.code).toBe(0);
		for (const name of ['migrate', 'seed', 'user', 'import', 'export', 'status', 'inventory']) {
			expect(run.stdout).toContain(name);
		}
	});

	it('explains a command with <command> --help', async () => {
		const run = await ordo('seed', '--help');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/--scale demo\|10k\|100k\|1m/);
	});

	it('lists every role in the help for user create', async () => {
		const run = await ordo('user', '--help');
		expect(run.code).toBe(0);
		for (const role of ROLES) expect(run.stdout).toContain(role);
	});

	it('refuses an unknown command with exit code 2 and names the commands', async () => {
		const run = await ordo('frobnicate');
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('unknown command "frobnicate"');
		expect(run.stderr).toContain('migrate, seed, user');
	});

	it('refuses an unknown option with exit code 2 and points at the command help', async () => {
		const run = await ordo('status', '--verbose');
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("'--verbose'");
		expect(run.stderr).toContain('status --help');
	});

	it.each(['import', 'export'])(
		'answers %s of an unknown kind with the known kinds',
		async (verb) => {
			const run = await ordo(verb, 'x', ...(verb === 'import' ? ['file.csv'] : []));
			expect(run.code).toBe(2);
			expect(run.stderr).toContain('unknown kind "x"; known kinds: ');
			if (verb === 'import') expect(run.stderr).toMatch(/known kinds: .*customers.*orders/);
		}
	);
});

describe('ordo CLI: database commands', slow, () => {
	it('migrates, then status reports the latest migration and row counts', async () => {
		const migrated = await ordo('migrate');
		expect(migrated.code).toBe(0);
		const status = await ordo('status');
		expect(status.code).toBe(0);
		expect(status.stdout).toContain(`migration level: ${migrations.at(-1)!.tag}`);
		expect(status.stdout).toContain('pending: 0');
		expect(status.stdout).toMatch(/products\s+0/);
	});

	it('inventory verify passes when levels equal the ledger and names the first difference when not', async () => {
		const client = createClient({ url });
		const at = Date.now();
		await client.batch(
			[
				`INSERT INTO locations (id, code, name, created_at) VALUES ('loc-1', 'MAIN', 'Main', ${at})`,
				`INSERT INTO products (id, sku, name, price_minor, currency, created_at, updated_at)
				 VALUES ('p-1', 'MUG-1', 'Mug', 500, 'GBP', ${at}, ${at})`,
				`INSERT INTO stock_levels (product_id, location_id, on_hand, reserved, updated_at)
				 VALUES ('p-1', 'loc-1', 7, 2, ${at})`,
				`INSERT INTO stock_movements (id, product_id, location_id, kind, on_hand_delta, reserved_delta, reason, created_at)
				 VALUES ('m-1', 'p-1', 'loc-1', 'receipt', 7, 0, 'delivery', ${at}),
				        ('m-2', 'p-1', 'loc-1', 'reservation', 0, 2, 'order ORD-1', ${at})`
			],
			'write'
		);
		const good = await ordo('inventory', 'verify');
		expect(good.stderr).toBe('');
		expect(good.code).toBe(0);
		expect(good.stdout).toContain('ledger verified: 1 stock levels equal the sums of 2 movements');

		// A level changed behind the ledger's back (no movement): verify must say which.
		await client.execute(`UPDATE stock_levels SET on_hand = 9 WHERE product_id = 'p-1'`);
		client.close();
		const bad = await ordo('inventory', 'verify');
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('MUG-1 at MAIN: on hand 9, ledger says 7');
	});

	it('creates a user with a generated password, printed once and never the email', async () => {
		const run = await ordo(
			'user',
			'create',
			'--email',
			'Floor.Lead@Shop.Test',
			'--role',
			'warehouse'
		);
		expect(run.code).toBe(0);
		const password = /password[^:]*: (\S+)/.exec(run.stdout)?.[1];
		expect(password).toBeDefined();
		expect(run.stdout.toLowerCase()).not.toContain('floor.lead@shop.test');
		const row = await userRow('floor.lead@shop.test');
		expect(row?.role).toBe('warehouse');
		expect(await verifyPassword(row!.password_hash, password!)).toBe(true);
	});

	it('refuses a weak password with exit code 1 and the policy reason, creating nothing', async () => {
		const run = await ordo(
			'user',
			'create',
			'--email',
			'weak@shop.test',
			'--role',
			'support',
			'--password',
			'password1'
		);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/stronger password: Use at least 12 characters/);
		expect(await userRow('weak@shop.test')).toBeUndefined();
	});

	it('refuses a second account with the same email, whatever its case', async () => {
		const run = await ordo(
			'user',
			'create',
			'--email',
			'FLOOR.LEAD@shop.test',
			'--role',
			'admin',
			'--password',
			'purple tractor under the stairs'
		);
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('already has an account');
	});

	it('refuses an unknown role with exit code 2 and lists the roles', async () => {
		const run = await ordo('user', 'create', '--email', 'x@shop.test', '--role', 'boss');
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('admin, manager, support, warehouse');
	});
});

describe('ordo CLI: import customers', slow, () => {
	// Migrating again is a no-op when the database commands above ran first.
	beforeAll(async () => void (await ordo('migrate')), 90_000);
	const fixture = (name: string) => `tests/fixtures/customers-import/${name}`;
	const customers = async () => {
		const client = createClient({ url });
		const { rows } = await client.execute('SELECT count(*) AS n FROM customers');
		client.close();
		return Number(rows[0]!.n);
	};

	it('checks a file with --dry-run and writes nothing, then imports it, then reports exact matches', async () => {
		const before = await customers();
		const dry = await ordo('import', 'customers', fixture('good.csv'), '--dry-run');
		expect(dry.code, dry.stderr).toBe(0);
		expect(dry.stdout).toMatch(/Dry run, nothing written: 3 rows read, would create 3 customers/);
		expect(await customers()).toBe(before);

		const applied = await ordo('import', 'customers', fixture('good.csv'));
		expect(applied.code, applied.stderr).toBe(0);
		expect(applied.stdout).toMatch(/3 rows read, created 3 customers/);
		expect(await customers()).toBe(before + 3);

		const again = await ordo('import', 'customers', fixture('good.csv'));
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('Line 2 matches customer');
		expect(again.stdout).toMatch(/created 0 customers, 3 exact matches/);
		expect(await customers()).toBe(before + 3);
	});

	it('refuses a bad file with exit code 1, every bad line named, nothing written', async () => {
		const before = await customers();
		const run = await ordo('import', 'customers', fixture('bad-date.csv'));
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/Line 2, date_of_birth: This date does not exist/);
		expect(run.stderr).toMatch(/Line 3, date_of_birth: Write the date as YYYY-MM-DD/);
		expect(run.stderr).toContain('nothing was imported');
		expect(await customers()).toBe(before);
	});
});

describe('ordo CLI: import orders', slow, () => {
	const count = async (sql: string) => {
		const client = createClient({ url });
		const { rows } = await client.execute(sql);
		client.close();
		return Number(rows[0]![0]);
	};

	it('checks a file with --dry-run and writes nothing, then imports it, then refuses it again', async () => {
		const dry = await ordo('import', 'orders', 'tests/fixtures/shopify-orders.csv', '--dry-run');
		expect(dry.code, dry.stderr).toBe(0);
		expect(dry.stdout).toContain(
			'Shopify orders export: dry run, nothing written: would import 4 orders (7 lines)'
		);
		expect(await count("SELECT count(*) FROM orders WHERE external_ref LIKE '#%'")).toBe(0);

		const real = await ordo('import', 'orders', 'tests/fixtures/shopify-orders.csv');
		expect(real.code, real.stderr).toBe(0);
		expect(real.stdout).toContain('imported 4 orders (7 lines)');
		expect(await count("SELECT count(*) FROM orders WHERE external_ref LIKE '#%'")).toBe(4);

		const again = await ordo('import', 'orders', 'tests/fixtures/shopify-orders.csv');
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/line 2: order #1001 was already imported as ORD-\d+/);
		expect(await count("SELECT count(*) FROM orders WHERE external_ref LIKE '#%'")).toBe(4);
	});

	it('reads any CSV through --map and names the bad line of a file it refuses', async () => {
		const dir2 = mkdtempSync(join(tmpdir(), 'ordo-cli-import-'));
		const file = join(dir2, 'sales.csv');
		writeFileSync(
			file,
			'Ref,Item,Qty,When,Each\nS-1,MUG-01,2,2024-05-01,9.99\nS-2,MUG-01,x,2024-05-02,9.99\n'
		);
		const args = [
			'import',
			'orders',
			file,
			'--map',
			'order=Ref',
			'--map',
			'sku=Item',
			'--map',
			'quantity=Qty',
			'--map',
			'date=When',
			'--map',
			'price=Each'
		];
		const bad = await ordo(...args);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('line 3: Qty "x" is not a whole number');
		expect(await count("SELECT count(*) FROM orders WHERE external_ref = 'S-1'")).toBe(0);
		writeFileSync(file, 'Ref,Item,Qty,When,Each\nS-1,MUG-01,2,2024-05-01,9.99\n');
		const good = await ordo(...args);
		expect(good.code, good.stderr).toBe(0);
		expect(good.stdout).toContain('CSV: imported 1 orders (1 lines)');
	});
});
