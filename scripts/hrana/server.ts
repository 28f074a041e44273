/**
 * A libSQL "Hrana over HTTP" server over the embedded engine, for the edge tests
 * and `npm run dev:edge`: in workerd @libsql/client only speaks http(s), and no
 * sqld can be installed here. It follows sqld (libsql-server/src/hrana) so that
 * what passes against it behaves the same against Turso: JSON pipelines on
 * `/v2/pipeline` (what the web client sends) and `/v3/pipeline`, HMAC-signed
 * batons, one connection per stream, idle streams expired after 10 s, and
 * sqld's error codes and messages.
 *
 * Not served: Protobuf (`/v3-protobuf`, so a v3-probing client falls back to v2
 * JSON), cursors (`/v3/cursor`, unused by v2 clients), the legacy v1 API and
 * WebSockets. Any `Authorization` header, or none, is accepted: the server
 * checks no credentials, which is why it binds to loopback only.
 *
 * It drives `libsql`, the engine under @libsql/client's Node build, directly:
 * that client pools connections and rolls back any transaction a connection
 * holds when it goes back to the pool, so a BEGIN cannot outlive one call; it
 * reports no affected rows for statements that return rows (INSERT ...
 * RETURNING); and it cannot tell whether a connection is in autocommit.
 *
 * One file although it passes the house ~300 lines: the brief owns exactly this
 * path. The sections (HTTP, streams, requests, statements, SQL scanning, values)
 * are the seams to split along.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';

export type HranaServerOptions = {
	/** The database to serve, as a libSQL `file:` URL. */
	url: string;
	/** 0 (the default) picks a free port. */
	port?: number;
	/** `127.0.0.1` (the default) or `localhost`: nothing else, there is no auth. */
	host?: string;
	/** How long an idle stream, and the transaction it holds, lives (sqld: 10 s). */
	idleStreamTimeoutMs?: number;
};

export type HranaServer = { url: string; port: number; close(): Promise<void> };

type Connection = Database.Database;
type Json = Record<string, unknown>;
type Version = 2 | 3;

const IDLE_STREAM_MS = 10_000;
// sqld keeps an expired stream's id this long so its baton gets "expired", not "invalid".
const EXPIRED_MEMORY_MS = 300_000;
const BUSY_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
// Per-stream limits on stored SQL texts, as in sqld's hrana/http/request.rs.
const MAX_SQL_COUNT = 50;
const MAX_STORED_SQL_BYTES = 5_000;

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
	const host = options.host ?? '127.0.0.1';
	if (host !== '127.0.0.1' && host !== 'localhost') {
		throw new Error(
			`hrana-server checks no credentials, so it binds to loopback only (got ${host})`
		);
	}
	const path = databasePathFromUrl(options.url);
	useWriteAheadLog(path);
	const streams = new StreamRegistry(path, options.idleStreamTimeoutMs ?? IDLE_STREAM_MS);
	const server = createServer((req, res) => void route(streams, req, res));
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		close: async () => {
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			streams.closeAll();
			await closed;
		}
	};
}

/** The file path behind a `file:` URL (`file:rel.db`, `file:/abs.db`, `file:///abs.db`). */
export function databasePathFromUrl(url: string): string {
	if (!url.startsWith('file:')) {
		throw new Error(`hrana-server serves a local database file: expected a file: URL, got ${url}`);
	}
	const bare = url.split('?')[0]!;
	const path = bare.startsWith('file://') ? fileURLToPath(bare) : decodeURIComponent(bare.slice(5));
	// Every stream opens its own connection, and each would see its own empty database.
	if (path === '' || path === ':memory:') throw new Error('hrana-server needs a database file');
	return path;
}

// sqld runs its databases in WAL mode: readers see a snapshot and never wait for a writer.
function useWriteAheadLog(path: string): void {
	const conn = new Database(path);
	try {
		conn.exec('PRAGMA journal_mode = WAL');
	} finally {
		conn.close();
	}
}

// ---------------------------------------------------------------- HTTP

const GET_ROUTES = new Map([
	['/', 'Hello, this is HTTP API v2 (Hrana over HTTP)'],
	['/health', 'ok'],
	['/version', 'ordo hrana-server (libsql embedded)'],
	['/v2', 'Hrana over HTTP v2 (JSON)'],
	['/v3', 'Hrana over HTTP v3 (JSON)']
]);
const PIPELINE_ROUTES = new Map<string, Version>([
	['/v2/pipeline', 2],
	['/v3/pipeline', 3]
]);

async function route(streams: StreamRegistry, req: IncomingMessage, res: ServerResponse) {
	try {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(.)\/+$/, '$1');
		if (req.method === 'GET' || req.method === 'HEAD') {
			const text = GET_ROUTES.get(path);
			return text === undefined ? sendText(res, 404, 'Not found') : sendText(res, 200, text);
		}
		const version = PIPELINE_ROUTES.get(path);
		if (req.method !== 'POST' || version === undefined) return sendText(res, 404, 'Not found');
		sendJson(res, 200, await runPipeline(streams, await readJson(req), version));
	} catch (error) {
		// sqld's split: protocol errors are a plain-text 400, an expired stream a JSON 500.
		if (error instanceof ProtocolError) return sendText(res, 400, error.message);
		const message = error instanceof Error ? error.message : String(error);
		const code = error instanceof StreamExpiredError ? 'STREAM_EXPIRED' : 'INTERNAL_ERROR';
		sendJson(res, 500, { message, code });
	}
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) throw new ProtocolError('Request body is too large');
		chunks.push(chunk);
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch (error) {
		throw malformed((error as Error).message);
	}
}

function sendText(res: ServerResponse, status: number, text: string) {
	res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
}

// Exactly `application/json`: the client parses an error body only under that type.
function sendJson(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

// ---------------------------------------------------------------- streams and batons

/** A client error that ends the stream: a correct client never causes one. */
class ProtocolError extends Error {}

class StreamExpiredError extends Error {
	constructor() {
		super('The stream has expired due to inactivity');
	}
}

class Stream {
	readonly sqls = new Map<number, string>();
	#conn: Connection | null;
	#stuck = false;

	constructor(
		readonly id: string,
		public seq: number,
		readonly path: string
	) {
		this.#conn = openConnection(path);
	}

	get closed(): boolean {
		return this.#conn === null;
	}

	connection(): Connection {
		this.assertOpen();
		return this.#conn!;
	}

	assertOpen(): void {
		if (this.#conn === null) throw new ProtocolError('Stream for this baton was closed');
	}

	close(): void {
		if (this.#conn !== null) closeConnection(this.#conn);
		this.#conn = null;
	}

	/**
	 * libsql-js cannot reset a statement that SQLITE_BUSY stopped, and while it
	 * is stopped it pins the connection's snapshot: even after a ROLLBACK every
	 * write fails with BUSY_SNAPSHOT. So once the connection is out of any
	 * transaction (at once, or when the client has rolled back) the stream goes
	 * on with a new connection.
	 */
	markStuck(): void {
		this.#stuck = true;
	}

	renewIfStuck(): void {
		if (!this.#stuck || this.#conn === null || this.#conn.inTransaction) return;
		closeConnection(this.#conn);
		this.#conn = openConnection(this.path);
		this.#stuck = false;
	}
}

type Handle =
	| { state: 'available'; stream: Stream; timer: NodeJS.Timeout }
	| { state: 'acquired' }
	| { state: 'expired'; timer: NodeJS.Timeout };

/**
 * Streams by id. A baton names a stream and the sequence number of the next
 * request, signed, so a baton works once and cannot be forged; a request holds
 * its stream ("acquired") until it answers, so two requests never interleave
 * on one connection.
 */
class StreamRegistry {
	readonly #handles = new Map<string, Handle>();
	readonly #key = randomBytes(32);
	#closed = false;

	constructor(
		readonly path: string,
		readonly idleMs: number
	) {}

	acquire(baton: string | null): Stream {
		if (baton === null) {
			const stream = new Stream(randomBytes(8).toString('hex'), randomSeq(), this.path);
			this.#handles.set(stream.id, { state: 'acquired' });
			return stream;
		}
		const { id, seq } = this.#readBaton(baton);
		const handle = this.#handles.get(id);
		if (handle === undefined) throw new ProtocolError('Received an invalid baton');
		if (handle.state === 'expired') throw new StreamExpiredError();
		if (handle.state === 'acquired' || handle.stream.seq !== seq) {
			throw new ProtocolError('Received a baton that has already been used');
		}
		clearTimeout(handle.timer);
		this.#handles.set(id, { state: 'acquired' });
		handle.stream.seq += 1;
		return handle.stream;
	}

	/** The baton for the next request, or null once the stream is closed. */
	release(stream: Stream): string | null {
		if (stream.closed || this.#closed) {
			this.discard(stream);
			return null;
		}
		const timer = setTimeout(() => this.#expire(stream), this.idleMs).unref();
		this.#handles.set(stream.id, { state: 'available', stream, timer });
		return this.#writeBaton(stream.id, stream.seq);
	}

	discard(stream: Stream): void {
		stream.close();
		this.#handles.delete(stream.id);
	}

	closeAll(): void {
		this.#closed = true;
		for (const handle of this.#handles.values()) {
			if (handle.state !== 'acquired') clearTimeout(handle.timer);
			if (handle.state === 'available') handle.stream.close();
		}
		this.#handles.clear();
	}

	#expire(stream: Stream): void {
		stream.close();
		const timer = setTimeout(() => this.#handles.delete(stream.id), EXPIRED_MEMORY_MS).unref();
		this.#handles.set(stream.id, { state: 'expired', timer });
	}

	#writeBaton(id: string, seq: number): string {
		return `${id}.${seq}.${this.#mac(`${id}.${seq}`).toString('base64url')}`;
	}

	#readBaton(baton: string): { id: string; seq: number } {
		const [id = '', seq = '', mac = ''] = baton.split('.');
		const expected = this.#mac(`${id}.${seq}`);
		const given = Buffer.from(mac, 'base64url');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			throw new ProtocolError('Received an invalid baton');
		}
		return { id, seq: Number(seq) };
	}

	#mac(payload: string): Buffer {
		return createHmac('sha256', this.#key).update(payload).digest();
	}
}

// A random start makes an old baton of a recycled id useless (sqld does the same).
function randomSeq(): number {
	return randomBytes(4).readUInt32BE();
}

function openConnection(path: string): Connection {
	const conn = new Database(path);
	// No busy timeout: libsql waits synchronously, which would freeze Node's one
	// thread, so a stream holding the lock across requests could never commit.
	// Statements that meet SQLITE_BUSY are retried asynchronously (withBusyRetry).
	conn.exec('PRAGMA busy_timeout = 0');
	// A test database need not survive power loss; NORMAL keeps WAL commits off fsync.
	conn.exec('PRAGMA synchronous = NORMAL');
	return conn;
}

/**
 * Rolls back first: libsql-js only really closes a connection once the garbage
 * collector has finalized its statements, and until then an open transaction
 * would keep its locks.
 */
function closeConnection(conn: Connection): void {
	try {
		if (conn.inTransaction) conn.exec('ROLLBACK');
	} finally {
		conn.close();
	}
}

// ---------------------------------------------------------------- requests

type StreamResult = { type: 'ok'; response: Json } | { type: 'error'; error: HranaError };
type HranaError = { message: string; code: string };

async function runPipeline(streams: StreamRegistry, body: unknown, version: Version) {
	const req = asObject(body, 'pipeline body');
	const baton = req.baton ?? null;
	if (baton !== null && typeof baton !== 'string') throw malformed('baton must be a string');
	const requests = asArray(req.requests, 'requests');
	const stream = streams.acquire(baton);
	try {
		const results: StreamResult[] = [];
		for (const request of requests) results.push(await runStreamRequest(stream, request, version));
		return { baton: streams.release(stream), base_url: null, results };
	} catch (error) {
		// As in sqld, a request that fails outright takes its stream with it.
		streams.discard(stream);
		throw error;
	}
}

async function runStreamRequest(
	stream: Stream,
	raw: unknown,
	version: Version
): Promise<StreamResult> {
	try {
		return { type: 'ok', response: await respond(stream, asObject(raw, 'request'), version) };
	} catch (error) {
		if (error instanceof StmtError) return { type: 'error', error: error.toHrana() };
		throw error;
	}
}

// Requests that need the stream's connection; sqld refuses them on a closed stream.
const CONNECTION_REQUESTS = new Set(['execute', 'batch', 'sequence', 'describe', 'get_autocommit']);

async function respond(stream: Stream, req: Json, version: Version): Promise<Json> {
	if (CONNECTION_REQUESTS.has(req.type as string)) stream.assertOpen();
	switch (req.type) {
		case 'close':
			stream.close();
			return { type: 'close' };
		case 'execute':
			return { type: 'execute', result: await executeQuery(stream, toQuery(stream, req.stmt)) };
		case 'batch':
			return {
				type: 'batch',
				result: await executeBatch(stream, asObject(req.batch, 'batch'), version)
			};
		case 'sequence':
			await executeSequence(stream, resolveSql(stream, req));
			return { type: 'sequence' };
		case 'describe':
			return { type: 'describe', result: await describe(stream, resolveSql(stream, req)) };
		case 'store_sql':
			storeSql(stream, asInt32(req.sql_id, 'sql_id'), asString(req.sql, 'sql'));
			return { type: 'store_sql' };
		case 'close_sql':
			stream.sqls.delete(asInt32(req.sql_id, 'sql_id'));
			return { type: 'close_sql' };
		case 'get_autocommit':
			requireVersion3(version, 'The `get_autocommit` request');
			return { type: 'get_autocommit', is_autocommit: !stream.connection().inTransaction };
		default:
			throw new ProtocolError('StreamRequest type not recognized');
	}
}

function storeSql(stream: Stream, id: number, sql: string): void {
	if (stream.sqls.has(id)) throw new ProtocolError(`SQL text ${id} already exists`);
	if (stream.sqls.size >= MAX_SQL_COUNT) {
		const message = `The server already stores ${stream.sqls.size} SQL texts, it cannot store more`;
		throw new StmtError('SQL_STORE_TOO_MANY', message);
	}
	const bytes = Buffer.byteLength(sql);
	if (bytes > MAX_STORED_SQL_BYTES) {
		const message = `The statement is too large to be stored: ${bytes}/${MAX_STORED_SQL_BYTES} bytes`;
		throw new StmtError('SQL_STORE_TOO_LARGE', message);
	}
	stream.sqls.set(id, sql);
}

function resolveSql(stream: Stream, holder: Json): string {
	const sql = holder.sql ?? null;
	const id = holder.sql_id ?? null;
	if (sql !== null && id !== null) {
		throw new ProtocolError('Either `sql` or `sql_id` are required, but not both');
	}
	if (sql !== null) return asString(sql, 'sql');
	if (id === null) throw new ProtocolError('Either `sql` or `sql_id` are required');
	const stored = stream.sqls.get(asInt32(id, 'sql_id'));
	if (stored === undefined) throw new ProtocolError(`SQL text ${String(id)} not found`);
	return stored;
}

function requireVersion3(version: Version, what: string): void {
	if (version < 3) {
		throw new ProtocolError(`${what} is only supported in protocol version hrana3 and higher`);
	}
}

type Cond =
	| { type: 'ok' | 'error'; step: number }
	| { type: 'not'; cond: Cond }
	| { type: 'and' | 'or'; conds: Cond[] }
	| { type: 'is_autocommit' };
type Outcome = 'ok' | 'error' | 'skipped';

async function executeBatch(stream: Stream, batch: Json, version: Version) {
	// Like sqld, read the whole batch before running any of it: a malformed step
	// fails the request, and a statement that cannot run fails only its step.
	const steps = asArray(batch.steps, 'steps').map((raw, index) => {
		const step = asObject(raw, 'step');
		const condition = step.condition ?? null;
		return {
			query: toQuery(stream, step.stmt),
			cond: condition === null ? null : toCond(condition, index, version)
		};
	});
	const outcomes: Outcome[] = [];
	const stepResults: (Json | null)[] = [];
	const stepErrors: (HranaError | null)[] = [];
	for (const { query, cond } of steps) {
		let result: Json | null = null;
		let error: HranaError | null = null;
		if (cond === null || holds(cond, outcomes, stream.connection())) {
			try {
				result = await executeQuery(stream, query);
			} catch (failure) {
				if (!(failure instanceof StmtError)) throw failure;
				error = failure.toHrana();
			}
		}
		outcomes.push(result ? 'ok' : error ? 'error' : 'skipped');
		stepResults.push(result);
		stepErrors.push(error);
	}
	return { step_results: stepResults, step_errors: stepErrors };
}

function toCond(raw: unknown, stepIndex: number, version: Version): Cond {
	const cond = asObject(raw, 'condition');
	switch (cond.type) {
		case 'ok':
		case 'error': {
			const step = cond.step;
			if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= stepIndex) {
				throw new ProtocolError('Invalid reference to step in a batch condition');
			}
			return { type: cond.type, step };
		}
		case 'not':
			return { type: 'not', cond: toCond(cond.cond, stepIndex, version) };
		case 'and':
		case 'or': {
			const conds = asArray(cond.conds, 'conds').map((c) => toCond(c, stepIndex, version));
			return { type: cond.type, conds };
		}
		case 'is_autocommit':
			requireVersion3(version, 'BatchCond of type `is_autocommit`');
			return { type: 'is_autocommit' };
		default:
			throw new ProtocolError('BatchCond type not recognized');
	}
}

function holds(cond: Cond, outcomes: Outcome[], conn: Connection): boolean {
	switch (cond.type) {
		case 'ok':
		case 'error':
			return outcomes[cond.step] === cond.type;
		case 'not':
			return !holds(cond.cond, outcomes, conn);
		case 'and':
			return cond.conds.every((c) => holds(c, outcomes, conn));
		case 'or':
			return cond.conds.some((c) => holds(c, outcomes, conn));
		case 'is_autocommit':
			return !conn.inTransaction;
	}
}

/** Statements one after another; the first failure stops the rest (Hrana `sequence`). */
async function executeSequence(stream: Stream, sql: string): Promise<void> {
	for (const statement of splitStatements(sql)) {
		await executeQuery(stream, { statement, args: [], named: new Map(), wantRows: false });
	}
}

async function describe(stream: Stream, sql: string): Promise<Json> {
	const statement = singleStatement(sql);
	const conn = stream.connection();
	const prepared = await withBusyRetry(() => prepare(conn, statement.text));
	const cols = prepared.reader
		? prepared.columns().map((col) => ({ name: col.name, decltype: col.type ?? null }))
		: [];
	return {
		params: statement.params.map((name) => ({ name })),
		cols,
		is_explain: statement.kind === 'explain',
		// libsql-js does not expose sqlite3_stmt_readonly; judge by the statement's verb.
		is_readonly:
			statement.kind === 'select' ||
			statement.kind === 'explain' ||
			statement.kind === 'transaction' ||
			(statement.kind === 'pragma' && prepared.reader)
	};
}

// ---------------------------------------------------------------- statements

type SqlValue = null | bigint | number | string | Buffer;
type Query = {
	statement: Statement;
	args: SqlValue[];
	named: Map<string, SqlValue>;
	wantRows: boolean;
};

/** A statement's failure, reported to the client in a result rather than as an HTTP error. */
class StmtError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly rawCode?: number
	) {
		super(message);
	}

	toHrana(): HranaError {
		return { message: this.message, code: this.code };
	}
}

function toQuery(stream: Stream, raw: unknown): Query {
	const stmt = asObject(raw, 'stmt');
	const statement = singleStatement(resolveSql(stream, stmt));
	const args = asArray(stmt.args ?? [], 'args').map(decodeValue);
	const named = new Map(
		asArray(stmt.named_args ?? [], 'named_args').map((raw) => {
			const arg = asObject(raw, 'named arg');
			return [asString(arg.name, 'name'), decodeValue(arg.value)] as const;
		})
	);
	if (args.length > 0 && named.size > 0) {
		const message = 'Specifying both positional and named arguments is not supported';
		throw new StmtError('ARGS_BOTH_POSITIONAL_AND_NAMED', message);
	}
	return { statement, args, named, wantRows: stmt.want_rows !== false };
}

function singleStatement(sql: string): Statement {
	const [first, ...rest] = splitStatements(sql);
	if (first === undefined) {
		throw new StmtError('SQL_NO_STATEMENT', 'SQL string does not contain any statement');
	}
	if (rest.length > 0) {
		throw new StmtError('SQL_MANY_STATEMENTS', 'SQL string contains more than one statement');
	}
	return first;
}

async function executeQuery(stream: Stream, query: Query): Promise<Json> {
	const started = performance.now();
	const conn = stream.connection();
	const prepared = await withBusyRetry(() => prepare(conn, query.statement.text));
	const values = bindValues(query.statement, query.args, query.named);
	try {
		// The same prepared statement: stepping it again resumes where SQLITE_BUSY stopped it.
		const output = await withBusyRetry(() => runPrepared(prepared, values, query.wantRows));
		return {
			...output,
			...changesAfter(conn, query.statement.kind),
			query_duration_ms: performance.now() - started
		};
	} catch (error) {
		if (isBusy(error)) stream.markStuck();
		throw error;
	} finally {
		stream.renewIfStuck();
	}
}

function runPrepared(prepared: Database.Statement, values: SqlValue[], wantRows: boolean) {
	const cols: Json[] = [];
	const rows: Json[][] = [];
	try {
		if (prepared.reader) {
			prepared.raw(true);
			for (const col of prepared.columns())
				cols.push({ name: col.name, decltype: col.type ?? null });
			// Run to the end even without want_rows: errors and side effects come late.
			for (const row of prepared.iterate(values) as Iterable<unknown[]>) {
				if (wantRows) rows.push(row.map(encodeValue));
			}
		} else {
			prepared.run(values);
		}
	} catch (error) {
		throw toStmtError(error, 'step');
	}
	return { cols, rows };
}

function prepare(conn: Connection, sql: string): Database.Statement {
	try {
		return conn.prepare(sql).safeIntegers(true);
	} catch (error) {
		throw toStmtError(error, 'prepare');
	}
}

// sqld reports changes() only for INSERT/UPDATE/DELETE (SQLite leaves it stale
// after anything else) and last_insert_rowid() only after an INSERT.
function changesAfter(conn: Connection, kind: StatementKind) {
	if (kind !== 'insert' && kind !== 'update' && kind !== 'delete') {
		return { affected_row_count: 0, last_insert_rowid: null };
	}
	const query = conn.prepare('SELECT changes(), last_insert_rowid()').safeIntegers(true);
	const [changes, rowid] = query.raw(true).get() as [bigint, bigint];
	return {
		affected_row_count: Number(changes),
		last_insert_rowid: kind === 'insert' ? String(rowid) : null
	};
}

/** sqld's binding rules (libsql-server/src/query.rs), turned into one positional list. */
function bindValues(statement: Statement, args: SqlValue[], named: Map<string, SqlValue>) {
	const slots = statement.params;
	const given = Math.max(args.length, named.size);
	if (given > slots.length) {
		throw argsInvalid(`too many parameters, expected ${slots.length} found ${given}`);
	}
	const values: SqlValue[] = [];
	for (const [index, name] of slots.entries()) {
		const value =
			name === null
				? args[index]
				: name.startsWith('?')
					? args[Number(name.slice(1)) - 1]
					: named.has(name)
						? named.get(name)
						: named.get(name.slice(1));
		if (value === undefined) {
			if (statement.kind === 'explain') break;
			throw argsInvalid(`value for parameter ${name ?? index + 1} not found`);
		}
		values.push(value);
	}
	return values;
}

function argsInvalid(reason: string): StmtError {
	return new StmtError('ARGS_INVALID', `Arguments do not match SQL parameters: ${reason}`);
}

// rusqlite's ErrorCode, as sqld names it: SQLITE_ERROR itself comes out as SQLITE_UNKNOWN.
const SQLITE_CODES: Record<number, string> = {
	2: 'SQLITE_INTERNAL',
	3: 'SQLITE_PERM',
	4: 'SQLITE_ABORT',
	5: 'SQLITE_BUSY',
	6: 'SQLITE_LOCKED',
	7: 'SQLITE_NOMEM',
	8: 'SQLITE_READONLY',
	9: 'SQLITE_INTERRUPT',
	10: 'SQLITE_IOERR',
	11: 'SQLITE_CORRUPT',
	12: 'SQLITE_NOTFOUND',
	13: 'SQLITE_FULL',
	14: 'SQLITE_CANTOPEN',
	15: 'SQLITE_PROTOCOL',
	17: 'SQLITE_SCHEMA',
	18: 'SQLITE_TOOBIG',
	19: 'SQLITE_CONSTRAINT',
	20: 'SQLITE_MISMATCH',
	21: 'SQLITE_MISUSE',
	22: 'SQLITE_NOLFS',
	23: 'SQLITE_AUTH',
	25: 'SQLITE_RANGE',
	26: 'SQLITE_NOTADB'
};
const SQLITE_ERROR = 1;
const SQLITE_BUSY = 5;
const SQLITE_BUSY_SNAPSHOT = 517;

/**
 * A failed prepare is sqld's SQL_INPUT_ERROR (rusqlite's SqlInputError), less
 * the "(at offset N)" that libsql-js cannot report; a failed run is "SQLite
 * error" with the primary result code.
 */
function toStmtError(error: unknown, phase: 'prepare' | 'step'): unknown {
	if (!(error instanceof Database.SqliteError)) return error;
	const rawCode = error.rawCode ?? SQLITE_ERROR;
	if (phase === 'prepare' && (rawCode & 0xff) === SQLITE_ERROR) {
		return new StmtError('SQL_INPUT_ERROR', `SQL input error: ${error.message}`, rawCode);
	}
	const code = SQLITE_CODES[rawCode & 0xff] ?? 'SQLITE_UNKNOWN';
	return new StmtError(code, `SQLite error: ${error.message}`, rawCode);
}

/**
 * SQLite's busy handler, done asynchronously: SQLITE_BUSY stops a statement
 * while it takes a lock, before it changes anything, and stepping it again
 * tries the lock again. A stale snapshot (BUSY_SNAPSHOT) never clears by
 * waiting, so it fails at once, as it does under sqld.
 */
async function withBusyRetry<T>(run: () => T): Promise<T> {
	const deadline = Date.now() + BUSY_TIMEOUT_MS;
	for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
		try {
			return run();
		} catch (error) {
			const snapshot = error instanceof StmtError && error.rawCode === SQLITE_BUSY_SNAPSHOT;
			if (!isBusy(error) || snapshot || Date.now() >= deadline) throw error;
			await sleep(pause);
		}
	}
}

function isBusy(error: unknown): boolean {
	return error instanceof StmtError && ((error.rawCode ?? 0) & 0xff) === SQLITE_BUSY;
}

// ---------------------------------------------------------------- SQL scanning

type TokenKind = 'space' | 'semi' | 'word' | 'param' | 'open' | 'close' | 'other';
type Token = { kind: TokenKind; text: string };
type StatementKind =
	'select' | 'insert' | 'update' | 'delete' | 'explain' | 'transaction' | 'pragma' | 'other';
type Statement = { text: string; kind: StatementKind; params: (string | null)[] };

const SPACE = /\s/;
const DIGIT = /[0-9]/;
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER_PART = /[0-9A-Za-z_.]/;

/**
 * Splits SQL into statements the way sqlite3_complete() sees them: at a `;`
 * outside strings, identifiers and comments, except inside CREATE TRIGGER,
 * whose body ends only at `; END ;`.
 */
function splitStatements(sql: string): Statement[] {
	const statements: Statement[] = [];
	let current: Token[] = [];
	let state = 1;
	for (const token of scanTokens(sql)) {
		const tokenClass = classify(token);
		state = COMPLETE_STATES[state]![tokenClass]!;
		if (tokenClass === 0 && state === 1) {
			pushStatement(statements, current);
			current = [];
		} else {
			current.push(token);
		}
	}
	pushStatement(statements, current);
	return statements;
}

// sqlite3_complete()'s transitions (states: 0 invalid, 1 start, 2 normal, 3 explain,
// 4 create, 5 trigger, 6 semi, 7 end) over the token classes in `classify`.
const COMPLETE_STATES = [
	[1, 0, 2, 3, 4, 2, 2, 2],
	[1, 1, 2, 3, 4, 2, 2, 2],
	[1, 2, 2, 2, 2, 2, 2, 2],
	[1, 3, 3, 2, 4, 2, 2, 2],
	[1, 4, 2, 2, 2, 4, 5, 2],
	[6, 5, 5, 5, 5, 5, 5, 5],
	[6, 6, 5, 5, 5, 5, 5, 7],
	[1, 7, 5, 5, 5, 5, 5, 5]
];
const KEYWORD_CLASSES: Record<string, number> = {
	EXPLAIN: 3,
	CREATE: 4,
	TEMP: 5,
	TEMPORARY: 5,
	TRIGGER: 6,
	END: 7
};

function classify({ kind, text }: Token): number {
	if (kind === 'semi') return 0;
	if (kind === 'space') return 1;
	return (kind === 'word' && KEYWORD_CLASSES[text.toUpperCase()]) || 2;
}

function pushStatement(statements: Statement[], tokens: Token[]): void {
	const significant = tokens.filter((t) => t.kind !== 'space');
	if (significant.length === 0) return;
	statements.push({
		text: tokens.map((t) => t.text).join(''),
		kind: statementKind(significant),
		params: parameterNames(significant)
	});
}

const VERB_KINDS: Record<string, StatementKind> = {
	SELECT: 'select',
	VALUES: 'select',
	INSERT: 'insert',
	REPLACE: 'insert',
	UPDATE: 'update',
	DELETE: 'delete',
	EXPLAIN: 'explain',
	BEGIN: 'transaction',
	COMMIT: 'transaction',
	END: 'transaction',
	ROLLBACK: 'transaction',
	SAVEPOINT: 'transaction',
	RELEASE: 'transaction',
	PRAGMA: 'pragma'
};
const DML_VERBS = new Set(['SELECT', 'VALUES', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE']);

function statementKind(tokens: Token[]): StatementKind {
	const word = (t: Token | undefined) => (t?.kind === 'word' ? t.text.toUpperCase() : '');
	let verb = word(tokens[0]);
	if (verb === 'WITH') {
		// The statement's own verb is the first DML keyword outside the CTEs' parentheses.
		let depth = 0;
		verb = '';
		for (const token of tokens.slice(1)) {
			if (token.kind === 'open') depth += 1;
			if (token.kind === 'close') depth -= 1;
			if (depth === 0 && DML_VERBS.has(word(token))) {
				verb = word(token);
				break;
			}
		}
	}
	return VERB_KINDS[verb] ?? 'other';
}

/**
 * Names of the statement's parameters by index (null for a bare `?`), numbered
 * as SQLite does: `?` takes the next index, `?NNN` index NNN, a name its first
 * occurrence's index.
 */
function parameterNames(tokens: Token[]): (string | null)[] {
	const names: (string | null)[] = [];
	const seen = new Set<string>();
	for (const { kind, text } of tokens) {
		if (kind !== 'param') continue;
		if (text === '?') {
			names.push(null);
		} else if (text.startsWith('?')) {
			const index = Number(text.slice(1));
			if (index < 1) continue; // SQLite refuses it at prepare
			while (names.length < index) names.push(null);
			names[index - 1] ??= text;
		} else if (!seen.has(text)) {
			seen.add(text);
			names.push(text);
		}
	}
	return names;
}

function scanTokens(sql: string): Token[] {
	const tokens: Token[] = [];
	for (let at = 0; at < sql.length;) {
		const [kind, end] = scanToken(sql, at);
		tokens.push({ kind, text: sql.slice(at, end) });
		at = end;
	}
	return tokens;
}

function scanToken(sql: string, at: number): [TokenKind, number] {
	const c = sql[at]!;
	const next = sql[at + 1] ?? '';
	if (SPACE.test(c)) return ['space', skipWhile(sql, at + 1, SPACE)];
	if (c === '-' && next === '-') return ['space', endOf(sql, at + 2, '\n')];
	if (c === '/' && next === '*') return ['space', endOf(sql, at + 2, '*/')];
	if (c === "'" || c === '"' || c === '`') return ['other', quotedEnd(sql, at, c)];
	if (c === '[') return ['other', endOf(sql, at + 1, ']')];
	if ((c === 'x' || c === 'X') && next === "'") return ['other', quotedEnd(sql, at + 1, "'")];
	if (WORD_START.test(c)) return ['word', skipWhile(sql, at + 1, WORD_PART)];
	if (DIGIT.test(c) || (c === '.' && DIGIT.test(next))) {
		return ['other', skipWhile(sql, at + 1, NUMBER_PART)];
	}
	if (c === '?') return ['param', skipWhile(sql, at + 1, DIGIT)];
	if (c === ':' || c === '@' || c === '$') {
		const end = namedParamEnd(sql, at + 1);
		return end > at + 1 ? ['param', end] : ['other', at + 1];
	}
	if (c === ';') return ['semi', at + 1];
	if (c === '(') return ['open', at + 1];
	if (c === ')') return ['close', at + 1];
	return ['other', at + 1];
}

function skipWhile(sql: string, at: number, pattern: RegExp): number {
	while (at < sql.length && pattern.test(sql[at]!)) at += 1;
	return at;
}

function endOf(sql: string, from: number, terminator: string): number {
	const found = sql.indexOf(terminator, from);
	return found < 0 ? sql.length : found + terminator.length;
}

// A doubled quote inside a quoted token stands for the quote itself.
function quotedEnd(sql: string, at: number, quote: string): number {
	for (let i = at + 1; i < sql.length; i += 1) {
		if (sql[i] !== quote) continue;
		if (sql[i + 1] !== quote) return i + 1;
		i += 1;
	}
	return sql.length;
}

// `:name`, `@name`, `$name`; SQLite also lets `::` continue a name (Tcl style).
function namedParamEnd(sql: string, at: number): number {
	while (at < sql.length) {
		if (WORD_PART.test(sql[at]!)) at += 1;
		else if (sql.startsWith('::', at)) at += 2;
		else break;
	}
	return at;
}

// ---------------------------------------------------------------- values and JSON

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

function decodeValue(raw: unknown): SqlValue {
	const value = asObject(raw, 'value');
	switch (value.type) {
		case 'null':
			return null;
		case 'integer': {
			const text = asString(value.value, 'integer value');
			const int = /^-?\d+$/.test(text) ? BigInt(text) : null;
			if (int === null || int < MIN_I64 || int > MAX_I64) {
				throw malformed(`invalid 64-bit integer ${text}`);
			}
			return int;
		}
		case 'float':
			if (typeof value.value !== 'number') throw malformed('float value must be a number');
			return value.value;
		case 'text':
			return asString(value.value, 'text value');
		case 'blob':
			return Buffer.from(asString(value.base64, 'blob base64'), 'base64');
		default:
			throw new ProtocolError('Value type not recognized');
	}
}

// Blobs go out as base64 without padding, as sqld writes them.
function encodeValue(value: unknown): Json {
	if (value === null) return { type: 'null' };
	if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
	if (typeof value === 'number') return { type: 'float', value };
	if (typeof value === 'string') return { type: 'text', value };
	if (value instanceof Uint8Array) {
		const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
		return { type: 'blob', base64: bytes.toString('base64').replace(/=+$/, '') };
	}
	throw new Error(`The engine returned a value of unexpected type ${typeof value}`);
}

function malformed(reason: string): ProtocolError {
	return new ProtocolError(`Cannot deserialize client message from JSON: ${reason}`);
}

function asObject(value: unknown, what: string): Json {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw malformed(`${what} must be an object`);
	}
	return value as Json;
}

function asArray(value: unknown, what: string): unknown[] {
	if (!Array.isArray(value)) throw malformed(`${what} must be an array`);
	return value;
}

function asString(value: unknown, what: string): string {
	if (typeof value !== 'string') throw malformed(`${what} must be a string`);
	return value;
}

function asInt32(value: unknown, what: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2 ** 31) {
		throw malformed(`${what} must be a 32-bit integer`);
	}
	return value;
}
