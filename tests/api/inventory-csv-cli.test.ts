// `npm run ordo -- import products|stock FILE [--dry-run]` and `export products|stock`, run as
// a person would against a database file of its own: the same verbs as the API's CSV routes.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATA_KEY } from '../support/factories';

type Run = { code: number; stdout: string; stderr: string };

const dir = mkdtempSync(join(tmpdir(), 'ordo-inventory-cli-'));
const url = `file:${join(dir, 'ordo.db')}`;

function ordo(...args: string[]): Promise<Run> {
	const env: NodeJS.ProcessEnv = { ...process.env, LIBSQL_URL: url, ORDO_DATA_KEY: TEST_DATA_KEY };
	delete env.LIBSQL_AUTH_TOKEN;
	return new Promise((done) => {
		execFile('npx', ['tsx', 'scripts/ordo.ts', ...args], { env }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			done({ code, stdout, stderr });
		});
	});
}

const file = (name: string, text: string) => {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
};

async function rows(sql: string) {
	const client = createClient({ url });
	const { rows } = await client.execute(sql);
	client.close();
	return rows.map((r) => ({ ...r }));
}

// Each run starts Node and tsx: allow for a busy machine.
const slow = { timeout: 120_000 };

beforeAll(async () => {
	expect((await ordo('migrate')).code).toBe(0);
	const client = createClient({ url });
	await client.execute(
		`INSERT INTO locations (id, code, name, created_at) VALUES ('loc-1', 'MAIN', 'Main', 0)`
	);
	client.close();
}, 120_000);

describe('ordo import/export products and stock', slow, () => {
	it('checks a products file with --dry-run, then imports it, then exports it', async () => {
		const products = file(
			'products.csv',
			'sku,name,barcode,price\nLAMP-1,Zinc lamp,5012345678900,12.50\nMUG-1,Mug,,3.00\n'
		);
		const dry = await ordo('import', 'products', products, '--dry-run');
		expect(dry.stderr).toBe('');
		expect(dry.code).toBe(0);
		expect(dry.stdout).toContain('dry run, nothing written: would create 2');
		expect(await rows('SELECT sku FROM products')).toEqual([]);

		const run = await ordo('import', 'products', products);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('created 2 and updated 0 products from 2 rows');
		const out = await ordo('export', 'products');
		expect(out.code).toBe(0);
		expect(out.stdout).toContain('LAMP-1,Zinc lamp,5012345678900,12.50,GBP,0,true');
	});

	it('sets stock levels as ledger counts; inventory verify passes after', async () => {
		const stock = file('stock.csv', 'sku,location,on_hand\nlamp-1,MAIN,7\nMUG-1,MAIN,0\n');
		const run = await ordo('import', 'stock', stock);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('changed 1 stock levels (1 already right)');
		expect(await rows('SELECT kind, on_hand_delta FROM stock_movements')).toEqual([
			{ kind: 'count', on_hand_delta: 7 }
		]);
		const out = await ordo('export', 'stock');
		expect(out.stdout).toMatch(/^LAMP-1,MAIN,7,0,7,2\r$/m);
		const verify = await ordo('inventory', 'verify');
		expect(verify.code).toBe(0);
	});

	it('refuses a file with bad lines, exit 1, naming each, writing nothing', async () => {
		const bad = file(
			'bad.csv',
			'sku,location,on_hand\nLAMP-1,MAIN,3\nNOPE,MAIN,1\nMUG-1,MAIN,lots\n'
		);
		const run = await ordo('import', 'stock', bad);
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('line 4: on_hand: "lots" is not a whole number');
		const again = file('bad2.csv', 'sku,location,on_hand\nLAMP-1,MAIN,3\nNOPE,MAIN,1\n');
		const second = await ordo('import', 'stock', again);
		expect(second.code).toBe(1);
		expect(second.stderr).toContain('line 3: sku: no product has the SKU NOPE');
		expect(await rows('SELECT on_hand FROM stock_levels')).toEqual([{ on_hand: 7 }]);
	});
});
