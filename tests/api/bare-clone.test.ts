// `npm start` from a bare clone (issue 6 §1): the repository's files alone, with no
// ../shared beside them, must give the demo shop and the four demo logins.
import { execFile, execFileSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../scripts/seed/demo-users';
import { BUNDLED_RETAIL_CSV, readRetailCsv } from '../../scripts/seed/read-csv';
import { buildShop } from '../../scripts/seed/shop';

type Run = { code: number; stdout: string; stderr: string };

const root = mkdtempSync(join(tmpdir(), 'ordo-bare-'));
const clone = join(root, 'ordo');

/** What `git clone` gives: the tracked files (and new ones not ignored), nothing else. */
function copyRepository(): void {
	const files = execFileSync('git', [
		'ls-files',
		'-z',
		'--cached',
		'--others',
		'--exclude-standard'
	])
		.toString()
		.split('\0')
		.filter((file) => file !== '' && existsSync(file));
	for (const file of files) {
		mkdirSync(dirname(join(clone, file)), { recursive: true });
		cpSync(file, join(clone, file));
	}
	// `npm install` stands in as a link: the packages, not the repository, are under test.
	symlinkSync(resolve('node_modules'), join(clone, 'node_modules'), 'dir');
}

/** `npm start`'s preparation step, in the clone, with nothing pointing outside it. */
function prepare(env: NodeJS.ProcessEnv = {}): Promise<Run> {
	const clean: NodeJS.ProcessEnv = { ...process.env, ...env };
	for (const name of ['LIBSQL_URL', 'LIBSQL_AUTH_TOKEN', 'ORDO_RETAIL_CSV', 'ORDO_DATA_KEY']) {
		if (!(name in env)) delete clean[name];
	}
	return new Promise((done) => {
		execFile(
			'npx',
			['tsx', 'scripts/start.ts', '--prepare-only'],
			{ cwd: clone, env: clean },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				done({ code, stdout, stderr });
			}
		);
	});
}

async function count(url: string, table: string): Promise<number> {
	const client = createClient({ url });
	try {
		const { rows } = await client.execute(`SELECT count(*) AS n FROM ${table}`);
		return Number(rows[0]!.n);
	} finally {
		client.close();
	}
}

function expectFourLogins(stdout: string): void {
	for (const user of DEMO_USERS) {
		expect(stdout).toMatch(new RegExp(`${user.role}\\s+${user.email}\\s+${user.password}`));
	}
}

const slow = { timeout: 180_000 };

describe('npm start from a bare clone (no ../shared beside it)', slow, () => {
	beforeAll(() => copyRepository(), 60_000);
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('seeds the demo shop from the data in the repository and prints the four logins', async () => {
		expect(existsSync(join(root, 'shared'))).toBe(false);
		const run = await prepare();
		expect(run.stderr).not.toMatch(/not seeded|not found/i);
		expect(run.code).toBe(0);
		const shop = buildShop(readRetailCsv(BUNDLED_RETAIL_CSV));
		expect(run.stdout).toContain(
			`seeded the demo shop: ${shop.products.length} products, ${shop.orders.length} orders`
		);
		expectFourLogins(run.stdout);
		const url = `file:${join(clone, '.data/ordo.db')}`;
		expect(await count(url, 'products')).toBe(shop.products.length);
		expect(await count(url, 'orders')).toBe(shop.orders.length);
		expect(await count(url, 'users')).toBe(DEMO_USERS.length);
	});

	it('still creates and prints the four logins when the shop data cannot be read', async () => {
		const broken = join(root, 'broken.csv');
		writeFileSync(broken, 'InvoiceNo,StockCode\nnot-an-invoice,X\n');
		const url = `file:${join(root, 'broken.db')}`;
		const run = await prepare({ ORDO_RETAIL_CSV: broken, LIBSQL_URL: url });
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/the demo shop was not seeded/);
		expectFourLogins(run.stdout);
		expect(await count(url, 'products')).toBe(0);
		expect(await count(url, 'users')).toBe(DEMO_USERS.length);
	});

	it('prints the logins again on a second start, adding nothing', async () => {
		const run = await prepare();
		expect(run.code).toBe(0);
		expect(run.stdout).not.toMatch(/seeded the demo shop/);
		expectFourLogins(run.stdout);
		expect(await count(`file:${join(clone, '.data/ordo.db')}`, 'users')).toBe(DEMO_USERS.length);
	});
});
