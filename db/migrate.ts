import type { Client } from '@libsql/client';
import { migrations as bundled } from './migrations.generated';
import { FOREIGN_KEY_GUARD, rebuildPlan } from './rebuild';

export type Migration = { tag: string; hash: string; statements: string[] };
export type MigrationLevel = { level: string | null; applied: string[]; pending: string[] };

const LEDGER = `CREATE TABLE IF NOT EXISTS _ordo_migrations (
	tag TEXT PRIMARY KEY NOT NULL,
	hash TEXT NOT NULL,
	applied_at INTEGER NOT NULL
)`;

async function appliedTags(client: Client): Promise<Map<string, string>> {
	const [, rows] = await client.batch(
		[LEDGER, 'SELECT tag, hash FROM _ordo_migrations ORDER BY tag'],
		'write'
	);
	return new Map(rows!.rows.map((r) => [String(r.tag), String(r.hash)]));
}

/** Where a database stands against the migrations this build carries. */
export async function migrationLevel(
	client: Client,
	migrations: Migration[] = bundled
): Promise<MigrationLevel> {
	const done = await appliedTags(client);
	const applied = migrations.filter((m) => done.has(m.tag)).map((m) => m.tag);
	return {
		level: applied.at(-1) ?? null,
		applied,
		pending: migrations.filter((m) => !done.has(m.tag)).map((m) => m.tag)
	};
}

/**
 * Applies pending migrations, each as one atomic batch together with its ledger
 * row, so a failed migration leaves nothing behind and two processes migrating at
 * once cannot both apply the same one (the ledger's primary key refuses the second).
 * Runs the same in Node (file:) and in workerd (HTTP).
 */
export async function migrate(
	client: Client,
	migrations: Migration[] = bundled
): Promise<MigrationLevel> {
	const done = await appliedTags(client);
	for (const m of migrations) {
		const seen = done.get(m.tag);
		if (seen !== undefined && seen !== m.hash) {
			throw new Error(`migration ${m.tag} was changed after it was applied; add a new one instead`);
		}
	}
	const pending = migrations.filter((m) => !done.has(m.tag));
	for (const m of pending) {
		const ledger = {
			sql: 'INSERT INTO _ordo_migrations (tag, hash, applied_at) VALUES (?, ?, ?)',
			args: [m.tag, m.hash, Date.now()]
		};
		try {
			// A table rebuild (a CHECK list change) needs foreign keys off and its triggers
			// back: db/rebuild.ts. Anything else is one plain batch.
			const rebuild = await rebuildPlan(client, m.statements);
			if (rebuild) await client.migrate([...rebuild, ledger]);
			else await client.batch([...m.statements, ledger], 'write');
		} catch (error) {
			const again = await appliedTags(client);
			if (again.get(m.tag) === m.hash) continue;
			if (String(error).includes(FOREIGN_KEY_GUARD)) {
				throw new Error(
					`migration ${m.tag} rebuilds a table but leaves rows whose foreign keys point nowhere; nothing was applied`,
					{ cause: error }
				);
			}
			throw error;
		}
	}
	return migrationLevel(client, migrations);
}
