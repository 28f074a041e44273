import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { drizzleOver } from '../../db/client';
import { migrate } from '../../db/migrate';
import { createProfile } from '../support/duplicates-factory';

const dir = mkdtempSync(join(tmpdir(), 'ordo-dupes-cli-'));
const url = `file:${join(dir, 'ordo.db')}`;

function ordo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile('npx', ['tsx', 'scripts/ordo.ts', ...args, '--db', url], (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({ code, stdout, stderr });
		});
	});
}

let ids: { ada: string; again: string; other: string };

beforeAll(async () => {
	const client = createClient({ url });
	await migrate(client);
	const db = drizzleOver(client);
	const ada = await createProfile(db, {
		given: 'Ada',
		family: 'Lovelace',
		emails: ['ada@example.com'],
		phones: ['+447700900505']
	});
	const again = await createProfile(db, {
		given: 'Ada',
		family: 'Lovelace',
		phones: ['+447700900505'],
		externalIds: [{ system: 'shopify', value: 'SH-42' }]
	});
	const other = await createProfile(db, {
		given: 'Grace',
		family: 'Hopper',
		emails: ['grace@example.com']
	});
	// Queued by the triggers but not yet compared: the command must bring them up to date.
	expect(await db.all(sql`SELECT 1 FROM customer_duplicates`)).toEqual([]);
	client.close();
	ids = { ada: ada.id, again: again.id, other: other.id };
}, 60_000);

describe('npm run ordo -- customers duplicates', () => {
	it('prints the pairs as JSON after bringing the candidates up to date', async () => {
		const { code, stdout } = await ordo('customers', 'duplicates', '--json');
		expect(code).toBe(0);
		const pairs = JSON.parse(stdout) as {
			a: { id: string; externalId: string | null };
			b: { id: string; externalId: string | null };
			score: number;
			reasons: string[];
		}[];
		expect(pairs).toHaveLength(1);
		const [pair] = pairs;
		expect([pair!.a.id, pair!.b.id].sort()).toEqual([ids.ada, ids.again].sort());
		const withExternal = pair!.a.id === ids.again ? pair!.a : pair!.b;
		expect(withExternal.externalId).toBe('SH-42');
		expect(pair!.reasons).toContain('same phone');
		expect(Object.keys(pair!).sort()).toEqual(['a', 'b', 'reasons', 'score']);
	}, 90_000);

	it('filters by --min-score, prints words without --json, and refuses a bad score', async () => {
		expect(
			JSON.parse((await ordo('customers', 'duplicates', '--json', '--min-score', '1.0')).stdout)
		).toEqual([]);
		const text = await ordo('customers', 'duplicates', '--full');
		expect(text.code).toBe(0);
		expect(text.stdout).toContain('Ada Lovelace');
		expect(text.stdout).toContain('same phone');
		expect(text.stdout).toContain('1 pair');
		const bad = await ordo('customers', 'duplicates', '--min-score', 'lots');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--min-score takes a number from 0 to 1');
	}, 90_000);
});
