import { createClient, type Client } from '@libsql/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzleOver, type Db } from '../../db/client';
import { migrate } from '../../db/migrate';

export type TestDb = { url: string; client: Client; db: Db };

/** A fresh, migrated libSQL file: every test file gets its own real database. */
export async function createTestDb(): Promise<TestDb> {
	const dir = mkdtempSync(join(tmpdir(), 'ordo-test-'));
	const url = `file:${join(dir, 'ordo.db')}`;
	const client = createClient({ url });
	await migrate(client);
	return { url, client, db: drizzleOver(client) };
}
