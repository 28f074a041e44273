import { createClient } from '@libsql/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrationLevel } from './migrate';
import { readMigrationFiles } from './migration-files';
import { migrations } from './migrations.generated';

const freshClient = () =>
	createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'ordo-mig-')), 'db.sqlite')}` });

describe('migrations', () => {
	it('bundle matches the SQL files drizzle-kit wrote (run npm run db:generate)', () => {
		expect(migrations).toEqual(readMigrationFiles('db/migrations'));
	});

	it('brings a fresh database to the newest level, and a second run does nothing', async () => {
		const client = freshClient();
		const first = await migrate(client);
		expect(first.level).toBe(migrations.at(-1)!.tag);
		expect(first.pending).toEqual([]);
		const again = await migrate(client);
		expect(again.applied).toEqual(first.applied);
	});

	it('refuses to run when an applied migration was edited', async () => {
		const client = freshClient();
		await migrate(client);
		const edited = migrations.map((m, i) => (i === 0 ? { ...m, hash: 'edited' } : m));
		await expect(migrate(client, edited)).rejects.toThrow(/changed after it was applied/);
	});

	it('applies a failing migration not at all', async () => {
		const client = freshClient();
		await migrate(client);
		const broken = [
			...migrations,
			{ tag: '9999_broken', hash: 'x', statements: ['CREATE TABLE half (id INTEGER)', 'NOT SQL'] }
		];
		await expect(migrate(client, broken)).rejects.toThrow();
		const tables = await client.execute("SELECT name FROM sqlite_master WHERE name = 'half'");
		expect(tables.rows).toHaveLength(0);
		expect((await migrationLevel(client, broken)).pending).toEqual(['9999_broken']);
	});
});
