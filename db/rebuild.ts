import type { Client, InStatement } from '@libsql/client';

// Changing a CHECK list (a role, an order status) means rebuilding the table in SQLite:
// create __new_x, copy, DROP x, rename. drizzle-kit writes exactly that, wrapped in
// PRAGMA foreign_keys=OFF/ON. Run as an ordinary migration batch it does harm:
// - the PRAGMA is a no-op inside a transaction, so DROP TABLE x deletes x's rows first
//   and ON DELETE CASCADE empties every child table (sessions, MFA recovery codes, …);
// - DROP TABLE drops x's triggers, the append-only and last-admin guards, silently;
// - a view or another table's trigger that names x makes the rename fail.
// So the migrator runs such a migration through this plan instead: foreign keys truly off
// (client.migrate: PRAGMA outside the transaction, one stream over HTTP too), every trigger,
// view and index that depends on x read from sqlite_master and re-created after the
// rename (unless the migration writes its own), then PRAGMA foreign_key_check in the same
// transaction: a rebuild that leaves a dangling reference fails whole.

const name = String.raw`[\`"\[]?(\w+)[\`"\]]?`;
const DROP_TABLE = new RegExp(String.raw`^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${name}`, 'i');
const RENAME_TO = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+${name}\s+RENAME\s+TO\s+${name}`, 'i');
const CREATES = new RegExp(
	String.raw`^\s*CREATE\s+(?:UNIQUE\s+)?(?:TEMP\s+)?(?:INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?${name}`,
	'i'
);
const FOREIGN_KEYS_PRAGMA = /^\s*PRAGMA\s+foreign_keys\s*=/i;

/** The tables a migration rebuilds: dropped, then something renamed to their name. */
export function rebuiltTables(statements: string[]): string[] {
	const dropped = statements.map((s) => DROP_TABLE.exec(s)?.[1]).filter((t) => t !== undefined);
	const renamedTo = new Set(
		statements.map((s) => RENAME_TO.exec(s)?.[2]).filter((t) => t !== undefined)
	);
	return dropped.filter((table) => renamedTo.has(table));
}

type SchemaObject = { type: string; name: string; tbl_name: string; sql: string };

const mentions = (sql: string, table: string) =>
	new RegExp(String.raw`(^|[^\w])${table}([^\w]|$)`, 'i').test(sql);

/** Triggers, views and indexes that a rebuild of `tables` would lose or break. */
async function dependents(client: Client, tables: string[]): Promise<SchemaObject[]> {
	const { rows } = await client.execute(
		"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view', 'index') AND sql IS NOT NULL"
	);
	const all = rows as unknown as SchemaObject[];
	const direct = all.filter(
		(o) =>
			tables.includes(o.tbl_name) || (o.type !== 'index' && tables.some((t) => mentions(o.sql, t)))
	);
	// Dropping a view drops its INSTEAD OF triggers: they come back with it.
	const views = new Set(direct.filter((o) => o.type === 'view').map((o) => o.name));
	const onViews = all.filter((o) => o.type === 'trigger' && views.has(o.tbl_name));
	return [...new Map([...direct, ...onViews].map((o) => [o.name, o])).values()];
}

export const FOREIGN_KEY_GUARD = '_ordo_rebuild_fk_check';

/**
 * The statements that run a rebuilding migration safely, for client.migrate() (foreign
 * keys off), or null when the migration rebuilds no table and can run as a plain batch.
 */
export async function rebuildPlan(
	client: Client,
	statements: string[]
): Promise<InStatement[] | null> {
	const tables = rebuiltTables(statements);
	if (tables.length === 0) return null;
	const ownNames = new Set(statements.map((s) => CREATES.exec(s)?.[1]).filter(Boolean));
	const keep = (await dependents(client, tables)).filter((o) => !ownNames.has(o.name));
	const order = { view: 0, index: 1, trigger: 2 } as Record<string, number>;
	keep.sort((a, b) => order[a.type]! - order[b.type]!);
	const dropFirst = keep
		.filter((o) => o.type === 'view' || (o.type === 'trigger' && !tables.includes(o.tbl_name)))
		.filter(
			(o) => !(o.type === 'trigger' && keep.some((v) => v.type === 'view' && v.name === o.tbl_name))
		)
		.map((o) => `DROP ${o.type.toUpperCase()} IF EXISTS "${o.name}"`);
	return [
		...dropFirst,
		...statements.filter((s) => !FOREIGN_KEYS_PRAGMA.test(s)),
		...keep.map((o) => o.sql),
		// A CHECK that fails when any foreign key points nowhere: the batch rolls back.
		`CREATE TEMP TABLE ${FOREIGN_KEY_GUARD} (violations INTEGER NOT NULL CONSTRAINT ${FOREIGN_KEY_GUARD} CHECK (violations = 0))`,
		`INSERT INTO ${FOREIGN_KEY_GUARD} SELECT count(*) FROM pragma_foreign_key_check`,
		`DROP TABLE ${FOREIGN_KEY_GUARD}`
	];
}
