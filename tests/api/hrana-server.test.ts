import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHranaServer, type HranaServer } from '../../scripts/hrana/server';

// The web build is the one workerd loads: these tests drive the server exactly
// as the edge tests' worker will.

const SCHEMA = `
	CREATE TABLE kinds (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, n);
	CREATE TABLE stock (sku TEXT PRIMARY KEY, on_hand INTEGER NOT NULL CHECK (on_hand >= 0));
	CREATE TABLE movements (id INTEGER PRIMARY KEY, sku TEXT NOT NULL, delta INTEGER NOT NULL);
	-- a trigger body has semicolons of its own; 'quoted;' text and comments too
	CREATE TRIGGER movements_move BEFORE INSERT ON movements WHEN NEW.delta = 0 BEGIN
		SELECT RAISE(ABORT, 'a movement must move stock; zero does not');
	END;
	/* ; */ INSERT INTO stock VALUES ('seed;sku', 1);
`;

let dir: string;
let dbUrl: string;
let server: HranaServer;
let db: Client;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'ordo-hrana-'));
	dbUrl = `file:${join(dir, 'test.db')}`;
	server = await startHranaServer({ url: dbUrl });
	db = createClient({ url: server.url });
	await db.executeMultiple(SCHEMA);
});

afterAll(async () => {
	db?.close();
	await server?.close();
	rmSync(dir, { recursive: true, force: true });
});

async function count(sql: string, args: (string | number)[] = []): Promise<number> {
	const { rows } = await db.execute({ sql: `SELECT count(*) AS c FROM ${sql}`, args });
	return Number(rows[0]!.c);
}

function settledFlag(promise: Promise<unknown>): { settled: boolean } {
	const flag = { settled: false };
	promise.then(
		() => (flag.settled = true),
		() => (flag.settled = true)
	);
	return flag;
}

describe('hrana-server through @libsql/client/web: happy paths', () => {
	it('round-trips every value type through positional args', async () => {
		const blob = new Uint8Array([0, 1, 2, 255]);
		const inserted = await db.execute({
			sql: 'INSERT INTO kinds (i, r, t, b, n) VALUES (?, ?, ?, ?, ?) RETURNING i, r, t, b, n',
			args: [42, 1.5, 'grüße ✓', blob, null]
		});
		expect(inserted.rowsAffected).toBe(1);
		expect(typeof inserted.lastInsertRowid).toBe('bigint');
		expect(inserted.columns).toEqual(['i', 'r', 't', 'b', 'n']);
		expect(inserted.columnTypes).toEqual(['INTEGER', 'REAL', 'TEXT', 'BLOB', '']);
		const row = inserted.rows[0]!;
		expect([row.i, row.r, row.t, row.n]).toEqual([42, 1.5, 'grüße ✓', null]);
		expect(new Uint8Array(row.b as ArrayBuffer)).toEqual(blob);

		const types = await db.execute({
			sql: 'SELECT typeof(i), typeof(r), typeof(t), typeof(b), typeof(n) FROM kinds WHERE id = ?',
			args: [inserted.lastInsertRowid!]
		});
		expect(Object.values(types.rows[0]!)).toEqual(['integer', 'real', 'text', 'blob', 'null']);
	});

	it('keeps 64-bit integers exact and sends JS numbers as floats, as sqld does', async () => {
		const bigints = createClient({ url: server.url, intMode: 'bigint' });
		try {
			const { rows } = await bigints.execute({
				sql: 'SELECT ? AS big, ? AS min, typeof(?) AS number_type',
				args: [9007199254740993n, -9223372036854775808n, 7]
			});
			expect(rows[0]).toMatchObject({
				big: 9007199254740993n,
				min: -9223372036854775808n,
				number_type: 'real'
			});
		} finally {
			bigints.close();
		}
	});

	it('binds named args given with or without their prefix', async () => {
		const { rows } = await db.execute({
			sql: 'SELECT :a AS a, @b AS b, $c AS c, :a AS again',
			args: { a: 1, '@b': 'two', c: null }
		});
		expect(rows[0]).toMatchObject({ a: 1, b: 'two', c: null, again: 1 });
	});

	it('reports affected rows only for writes and the rowid only for inserts', async () => {
		await db.batch([
			"INSERT INTO kinds (t) VALUES ('count-me')",
			"INSERT INTO kinds (t) VALUES ('count-me')"
		]);
		const updated = await db.execute("UPDATE kinds SET n = 1 WHERE t = 'count-me'");
		expect(updated.rowsAffected).toBe(2);
		expect(updated.lastInsertRowid).toBeUndefined();
		const selected = await db.execute("SELECT * FROM kinds WHERE t = 'count-me'");
		expect(selected.rowsAffected).toBe(0);
		expect(selected.rows).toHaveLength(2);
	});

	it('commits a write batch as one unit', async () => {
		const results = await db.batch(
			[
				{ sql: 'INSERT INTO stock VALUES (?, ?)', args: ['batch-ok', 5] },
				{ sql: 'INSERT INTO movements (sku, delta) VALUES (?, ?)', args: ['batch-ok', 5] },
				{ sql: 'SELECT on_hand FROM stock WHERE sku = ?', args: ['batch-ok'] }
			],
			'write'
		);
		expect(results.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
		expect(results[2]!.rows[0]!.on_hand).toBe(5);
		expect(await count('movements WHERE sku = ?', ['batch-ok'])).toBe(1);
	});

	it('runs an interactive transaction over batons and commits it', async () => {
		const tx = await db.transaction('write');
		await tx.execute({ sql: 'INSERT INTO stock VALUES (?, ?)', args: ['tx-commit', 3] });
		const inside = await tx.execute({
			sql: 'SELECT on_hand FROM stock WHERE sku = ?',
			args: ['tx-commit']
		});
		expect(inside.rows).toHaveLength(1);
		// Another stream reads the last committed snapshot, without waiting for the writer.
		expect(await count('stock WHERE sku = ?', ['tx-commit'])).toBe(0);
		await tx.commit();
		expect(await count('stock WHERE sku = ?', ['tx-commit'])).toBe(1);
	});

	it('runs several statements with executeMultiple, trigger bodies included', async () => {
		await db.executeMultiple(`
			CREATE TABLE notes (body TEXT);
			INSERT INTO notes VALUES ('a;b'); -- c;d
			CREATE TEMP TRIGGER IF NOT EXISTS notes_upper AFTER INSERT ON notes BEGIN
				UPDATE notes SET body = upper(body) WHERE rowid = NEW.rowid; END;
			INSERT INTO notes VALUES ('e;f')
		`);
		const { rows } = await db.execute('SELECT body FROM notes ORDER BY rowid');
		// The temp trigger lived on that stream's connection only, as on sqld.
		expect(rows.map((r) => r.body)).toEqual(['a;b', 'E;F']);
	});

	it('answers concurrent requests, each on its own stream', async () => {
		const skus = Array.from({ length: 40 }, (_, i) => `concurrent-${i}`);
		const results = await Promise.all([
			...skus.map((sku) => db.execute({ sql: 'INSERT INTO stock VALUES (?, 1)', args: [sku] })),
			...skus.map(() => db.execute('SELECT count(*) FROM stock'))
		]);
		const rowids = results.slice(0, skus.length).map((r) => r.lastInsertRowid);
		expect(new Set(rowids).size).toBe(skus.length);
		expect(await count("stock WHERE sku LIKE 'concurrent-%'")).toBe(skus.length);
	});

	it('makes a second writer wait for an open write transaction instead of failing', async () => {
		const tx = await db.transaction('write');
		await tx.execute("INSERT INTO stock VALUES ('held', 1)");
		const waiting = db.execute("INSERT INTO stock VALUES ('waited', 1)");
		const flag = settledFlag(waiting);
		// Two round trips on the holder: the lock is still held, so the writer cannot be done.
		await tx.execute('SELECT 1');
		await tx.execute('SELECT 1');
		expect(flag.settled).toBe(false);
		await tx.commit();
		await expect(waiting).resolves.toMatchObject({ rowsAffected: 1 });
		expect(await count("stock WHERE sku IN ('held', 'waited')")).toBe(2);
	});
});

describe('hrana-server through @libsql/client/web: errors', () => {
	it('rolls a write batch back when a CHECK constraint fails', async () => {
		await db.execute("INSERT INTO stock VALUES ('batch-check', 5)");
		const batch = db.batch(
			[
				"INSERT INTO movements (sku, delta) VALUES ('batch-check', -10)",
				"UPDATE stock SET on_hand = on_hand - 10 WHERE sku = 'batch-check'"
			],
			'write'
		);
		await expect(batch).rejects.toMatchObject({
			name: 'LibsqlBatchError',
			code: 'SQLITE_CONSTRAINT',
			statementIndex: 1,
			message: expect.stringContaining('CHECK constraint failed')
		});
		expect(await count("movements WHERE sku = 'batch-check'")).toBe(0);
		expect(
			(await db.execute("SELECT on_hand FROM stock WHERE sku = 'batch-check'")).rows[0]!.on_hand
		).toBe(5);
	});

	it('rolls a write batch back when a trigger raises ABORT', async () => {
		const batch = db.batch(
			[
				"INSERT INTO stock VALUES ('batch-trigger', 1)",
				"INSERT INTO movements (sku, delta) VALUES ('batch-trigger', 0)"
			],
			'write'
		);
		await expect(batch).rejects.toMatchObject({
			code: 'SQLITE_CONSTRAINT',
			message: expect.stringContaining('a movement must move stock; zero does not')
		});
		expect(await count("stock WHERE sku = 'batch-trigger'")).toBe(0);
	});

	it('rolls an interactive transaction back', async () => {
		const tx = await db.transaction('write');
		await tx.execute("INSERT INTO stock VALUES ('tx-rollback', 1)");
		await tx.rollback();
		expect(await count("stock WHERE sku = 'tx-rollback'")).toBe(0);
	});

	it('keeps a transaction open after a failed statement, as SQLite does', async () => {
		const tx = await db.transaction('write');
		await tx.execute("INSERT INTO stock VALUES ('tx-partial', 1)");
		await expect(
			tx.execute("INSERT INTO stock VALUES ('tx-partial-bad', -1)")
		).rejects.toMatchObject({
			code: 'SQLITE_CONSTRAINT'
		});
		await tx.commit();
		expect(await count("stock WHERE sku LIKE 'tx-partial%'")).toBe(1);
	});

	it('names errors with the codes sqld uses', async () => {
		await expect(db.execute('SELECT * FROM no_such_table')).rejects.toMatchObject({
			code: 'SQL_INPUT_ERROR',
			message: expect.stringContaining('no such table: no_such_table')
		});
		await expect(db.execute('SELECT 1; SELECT 2')).rejects.toMatchObject({
			code: 'SQL_MANY_STATEMENTS'
		});
		await expect(db.execute({ sql: 'SELECT :a, :b', args: { a: 1 } })).rejects.toMatchObject({
			code: 'ARGS_INVALID',
			message: expect.stringContaining('value for parameter :b not found')
		});
		await expect(db.execute({ sql: 'SELECT ?', args: [1, 2] })).rejects.toMatchObject({
			code: 'ARGS_INVALID'
		});
		await expect(db.execute("INSERT INTO stock VALUES ('seed;sku', 1)")).rejects.toMatchObject({
			code: 'SQLITE_CONSTRAINT',
			message: expect.stringContaining('UNIQUE constraint failed: stock.sku')
		});
	});

	it('fails a write on a stale snapshot at once, and the rollback still succeeds', async () => {
		const tx = await db.transaction('deferred');
		await tx.execute('SELECT count(*) FROM stock');
		await db.execute("INSERT INTO stock VALUES ('snapshot-outside', 1)");
		await expect(
			tx.execute("INSERT INTO stock VALUES ('snapshot-inside', 1)")
		).rejects.toMatchObject({
			code: 'SQLITE_BUSY'
		});
		await tx.rollback();
		expect(await count("stock WHERE sku LIKE 'snapshot-%'")).toBe(1);
	});

	it('expires an idle stream and rolls back the transaction it held', async () => {
		const brief = await startHranaServer({ url: dbUrl, idleStreamTimeoutMs: 20 });
		const client = createClient({ url: brief.url });
		try {
			const tx = await client.transaction('write');
			await tx.execute("INSERT INTO stock VALUES ('expired', 1)");
			await sleep(300);
			await expect(tx.execute('SELECT 1')).rejects.toMatchObject({ code: 'STREAM_EXPIRED' });
			expect(await count("stock WHERE sku = 'expired'")).toBe(0);
			// The write lock went with the stream.
			await db.execute("INSERT INTO stock VALUES ('after-expiry', 1)");
		} finally {
			client.close();
			await brief.close();
		}
	});
});

type WireResult =
	| { type: 'ok'; response: Record<string, unknown> }
	| { type: 'error'; error: { message: string; code: string } };
type WireBody = { baton: string | null; base_url: string | null; results: WireResult[] };

async function pipeline(version: 'v2' | 'v3', baton: string | null, requests: unknown[]) {
	return fetch(`${server.url}/${version}/pipeline`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer any-token-is-fine' },
		body: JSON.stringify({ baton, requests })
	});
}

async function pipelineOk(version: 'v2' | 'v3', baton: string | null, requests: unknown[]) {
	const res = await pipeline(version, baton, requests);
	expect(res.status).toBe(200);
	return (await res.json()) as WireBody;
}

const text = (sql: string) => ({ type: 'execute', stmt: { sql } });

describe('hrana-server on the wire', () => {
	it('answers the health, version and protocol probes', async () => {
		for (const path of ['/health', '/version', '/v2', '/v3']) {
			expect((await fetch(server.url + path)).status, path).toBe(200);
		}
		// No Protobuf: a client probing v3-protobuf falls back to v2 JSON.
		expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
	});

	it('carries a transaction across requests by baton, and a baton works once', async () => {
		const first = await pipelineOk('v2', null, [
			text('BEGIN'),
			text("INSERT INTO kinds (t) VALUES ('baton')")
		]);
		expect(first.results.map((r) => r.type)).toEqual(['ok', 'ok']);
		expect(first.baton).toEqual(expect.any(String));

		const second = await pipelineOk('v2', first.baton, [
			text("SELECT count(*) FROM kinds WHERE t = 'baton'")
		]);
		expect(second.results[0]).toMatchObject({
			response: { result: { rows: [[{ type: 'integer', value: '1' }]] } }
		});
		expect(second.baton).not.toBe(first.baton);

		expect((await pipeline('v2', first.baton, [text('SELECT 1')])).status).toBe(400);
		const forged = `${second.baton!.slice(0, -2)}AA`;
		expect((await pipeline('v2', forged, [text('SELECT 1')])).status).toBe(400);
		// v3-only requests are refused on v2, and a refused request ends its stream.
		expect((await pipeline('v2', second.baton, [{ type: 'get_autocommit' }])).status).toBe(400);
		expect((await pipeline('v2', second.baton, [text('SELECT 1')])).status).toBe(400);
		expect(await count("kinds WHERE t = 'baton'")).toBe(0);
	});

	it('evaluates batch conditions and get_autocommit on v3', async () => {
		const opened = await pipelineOk('v3', null, [text('BEGIN'), { type: 'get_autocommit' }]);
		expect(opened.results[1]).toMatchObject({ response: { is_autocommit: false } });
		const steps = [
			{ stmt: { sql: 'ROLLBACK' }, condition: { type: 'not', cond: { type: 'is_autocommit' } } },
			{
				stmt: { sql: 'SELECT 1' },
				condition: { type: 'and', conds: [{ type: 'ok', step: 0 }, { type: 'is_autocommit' }] }
			},
			{ stmt: { sql: 'SELECT 2' }, condition: { type: 'error', step: 0 } },
			{
				stmt: { sql: 'SELECT 3' },
				condition: {
					type: 'or',
					conds: [
						{ type: 'error', step: 0 },
						{ type: 'ok', step: 2 }
					]
				}
			}
		];
		const closed = await pipelineOk('v3', opened.baton, [
			{ type: 'batch', batch: { steps } },
			{ type: 'get_autocommit' },
			{ type: 'close' }
		]);
		// ROLLBACK ran inside the transaction, SELECT 1 after it; the error branches were skipped.
		expect(closed.results[0]).toMatchObject({
			response: {
				result: { step_results: [expect.any(Object), expect.any(Object), null, null] }
			}
		});
		expect(closed.results[1]).toMatchObject({ response: { is_autocommit: true } });
		expect(closed.baton).toBeNull();
	});

	it('lets a stream write again after a stale-snapshot failure and its rollback', async () => {
		const opened = await pipelineOk('v2', null, [
			text('BEGIN'),
			text('SELECT count(*) FROM stock')
		]);
		await db.execute("INSERT INTO stock VALUES ('stale-outside', 1)");
		const after = await pipelineOk('v2', opened.baton, [
			text("INSERT INTO stock VALUES ('stale-inside', 1)"),
			text('ROLLBACK'),
			text("INSERT INTO stock VALUES ('stale-retried', 1)"),
			{ type: 'close' }
		]);
		expect(after.results).toMatchObject([
			{ type: 'error', error: { code: 'SQLITE_BUSY' } },
			{ type: 'ok' },
			{ type: 'ok' },
			{ type: 'ok' }
		]);
		expect(await count("stock WHERE sku LIKE 'stale-%'")).toBe(2);
	});

	it('stores SQL texts, describes statements and reports errors per step', async () => {
		const body = await pipelineOk('v2', null, [
			{ type: 'store_sql', sql_id: 1, sql: 'SELECT ? AS x' },
			{ type: 'execute', stmt: { sql_id: 1, args: [{ type: 'integer', value: '7' }] } },
			{ type: 'describe', sql: 'SELECT t AS label, :a AS a FROM kinds WHERE id = ?' },
			{
				type: 'batch',
				batch: {
					steps: [
						{ stmt: { sql: 'SELECT 1' } },
						{ stmt: { sql: "INSERT INTO stock VALUES ('wire-bad', -1)" } },
						{ stmt: { sql: 'SELECT 2' }, condition: { type: 'error', step: 1 } }
					]
				}
			},
			{ type: 'close_sql', sql_id: 1 },
			text('SELECT 1; SELECT 2')
		]);
		expect(body.results.map((r) => r.type)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'error']);
		expect(body.results[1]).toMatchObject({
			response: { result: { cols: [{ name: 'x' }], rows: [[{ type: 'integer', value: '7' }]] } }
		});
		expect(body.results[2]).toMatchObject({
			response: {
				result: {
					params: [{ name: ':a' }, { name: null }],
					cols: [
						{ name: 'label', decltype: 'TEXT' },
						{ name: 'a', decltype: null }
					],
					is_explain: false,
					is_readonly: true
				}
			}
		});
		expect(body.results[3]).toMatchObject({
			response: {
				result: {
					step_results: [expect.any(Object), null, expect.any(Object)],
					step_errors: [null, { code: 'SQLITE_CONSTRAINT' }, null]
				}
			}
		});
		expect(body.results[5]).toMatchObject({ error: { code: 'SQL_MANY_STATEMENTS' } });

		// A closed SQL text is gone; using it is a protocol error.
		const res = await pipeline('v2', body.baton, [{ type: 'execute', stmt: { sql_id: 1 } }]);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('SQL text 1 not found');
	});
});
