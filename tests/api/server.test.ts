// The embedded production server (scripts/serve), started for real: the cluster on a free
// port over a fresh libSQL file, driven with raw sockets where a client library would
// refuse or repair what a hostile client sends (issue 6 §2).
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { sessions } from '../../db/schema/auth';
import { securityHeadersRule } from '../../scripts/build/adapter';
import { IMMUTABLE_CACHE } from '../../scripts/serve/static-files';
import { EXPIRED_SESSION_GRACE_MS } from '../../worker/features/maintenance/retention';
import { SECURITY_HEADERS } from '../../worker/core/security-headers';
import { startEmbeddedServer, type EmbeddedServer } from '../support/embedded-server';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { openSocket, rawRequest, readUntilClosed } from '../support/raw-http';
import { createTestDb, type TestDb } from '../support/test-db';

const DAY_MS = 24 * 60 * 60_000;

let server: EmbeddedServer;
let t: TestDb;
let expiredSessionId: string;
let liveSessionId: string;

async function insertSession(userId: string, id: string, expiresAt: number) {
	await t.db.insert(sessions).values({
		id,
		userId,
		createdAt: expiresAt - DAY_MS,
		lastUsedAt: expiresAt - DAY_MS,
		idleExpiresAt: expiresAt,
		absoluteExpiresAt: expiresAt
	});
}

async function healthy(): Promise<boolean> {
	const res = await fetch(`${server.base}/api/health`);
	await res.arrayBuffer();
	return res.status === 200;
}

beforeAll(async () => {
	t = await createTestDb();
	const user = await createUser(t.db, { role: 'warehouse' });
	expiredSessionId = `expired-${crypto.randomUUID()}`;
	liveSessionId = `live-${crypto.randomUUID()}`;
	await insertSession(user.id, expiredSessionId, Date.now() - EXPIRED_SESSION_GRACE_MS - DAY_MS);
	await insertSession(user.id, liveSessionId, Date.now() + DAY_MS);
	// A short headers timeout, so the slowloris cut shows without waiting the default.
	server = await startEmbeddedServer({
		url: t.url,
		env: {
			ORDO_HEADERS_TIMEOUT_MS: '1500',
			ORDO_WORKERS: '2',
			// The sandbox provider as `npm start` configures it (nothing listens there: the
			// routes below must reach their verbs, not the provider).
			SANDBOX_PAY_URL: 'http://127.0.0.1:9',
			SANDBOX_PAY_WEBHOOK_SECRET: 'whsec_server_test'
		}
	});
}, 180_000);

afterAll(async () => {
	await server?.stop();
	t?.client.close();
});

describe('methods a browser never sends', () => {
	it.each([
		['TRACE', 'TRACE /api/health HTTP/1.1\r\nHost: x\r\n\r\n', true],
		['TRACE on a page', 'TRACE / HTTP/1.1\r\nHost: x\r\n\r\n', false],
		['PROPFIND', 'PROPFIND /api/health HTTP/1.1\r\nHost: x\r\n\r\n', true],
		['an unknown token', 'BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n', true],
		['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', false]
	])('%s gets a 405 and the server keeps serving', async (_name, request, api) => {
		const answer = await rawRequest(server.port, request);
		expect(answer.status).toBe(405);
		expect(answer.head).toContain('allow: get, head, post, put, patch, delete, options');
		if (api) {
			expect(answer.head).toContain('content-type: application/problem+json');
			expect(JSON.parse(answer.body)).toMatchObject({
				type: 'urn:ordo:problem:method-not-allowed',
				status: 405
			});
		}
		expect(await healthy()).toBe(true);
	});

	it.each([
		['a header line without a colon', 'GET /api/health HTTP/1.1\r\nHost x\r\n\r\n'],
		[
			'a Host that is no host',
			'GET /api/health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'
		],
		['a backslash path', 'GET /\\..\\x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']
	])('%s gets a 400 and the server keeps serving', async (_name, request) => {
		const answer = await rawRequest(server.port, request);
		expect(answer.status).toBe(400);
		expect(await healthy()).toBe(true);
	});
});

describe('request bodies', () => {
	it('a 20 MB body is refused with a 413 problem before it is read', async () => {
		const socket = await openSocket(server.port);
		const answer = readUntilClosed(socket);
		const size = 20 * 1024 * 1024;
		socket.write(
			`POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
				`Content-Length: ${size}\r\n\r\n`
		);
		socket.write(Buffer.alloc(64 * 1024, 'a'));
		const { status, head, body } = await answer;
		expect(status).toBe(413);
		expect(head).toContain('content-type: application/problem+json');
		expect(JSON.parse(body)).toMatchObject({ type: 'urn:ordo:problem:body-too-large' });
		expect(await healthy()).toBe(true);
	});

	it('a chunked body that grows past the cap is refused with a 413 problem', async () => {
		const socket = await openSocket(server.port);
		const answer = readUntilClosed(socket);
		socket.write(
			`POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
				`Transfer-Encoding: chunked\r\n\r\n`
		);
		const chunk = Buffer.alloc(64 * 1024, 'a');
		// No length announced: the server has to count. 40 × 64 KiB is 2.5 MiB.
		for (let i = 0; i < 40 && !socket.destroyed; i++) {
			socket.write(`${chunk.length.toString(16)}\r\n`);
			socket.write(chunk);
			socket.write('\r\n');
			await sleep(5);
		}
		const { status, head, body } = await answer;
		expect(status).toBe(413);
		expect(head).toContain('content-type: application/problem+json');
		expect(JSON.parse(body)).toMatchObject({ type: 'urn:ordo:problem:body-too-large' });
		expect(await healthy()).toBe(true);
	});
});

describe('a slowloris half request', () => {
	it('is cut when its headers take too long, while the server keeps serving', async () => {
		const socket = await openSocket(server.port);
		const answer = readUntilClosed(socket);
		socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
		let closed = false;
		void answer.then(() => (closed = true));
		// One header line at a time, never the blank line that ends them.
		for (let i = 0; i < 100 && !closed; i++) {
			if (!socket.destroyed) socket.write(`X-Slow-${i}: ${i}\r\n`);
			if (i === 2) expect(await healthy()).toBe(true);
			await sleep(200);
		}
		const { status, closed: wasClosed } = await answer;
		expect(wasClosed).toBe(true);
		expect(status).toBe(408);
		expect(await healthy()).toBe(true);
	});
});

describe('static files', () => {
	function expectSecurityHeaders(res: Response) {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
			expect(res.headers.get(name), name).toBe(value);
		}
		expect(res.headers.get('access-control-allow-origin')).toBeNull();
	}

	it('build files carry the security headers and are cached for good', async () => {
		const entry = readdirSync('.svelte-kit/output/client/_app/immutable/entry')[0]!;
		const res = await fetch(`${server.base}/_app/immutable/entry/${entry}`);
		await res.arrayBuffer();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('javascript');
		expect(res.headers.get('cache-control')).toBe(IMMUTABLE_CACHE);
		expectSecurityHeaders(res);
	});

	it.each([
		['/service-worker.js', 'javascript'],
		['/manifest.webmanifest', 'manifest+json'],
		['/shell', 'text/html']
	])('%s carries the security headers and is revalidated', async (path, type) => {
		const res = await fetch(`${server.base}${path}`);
		await res.arrayBuffer();
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain(type);
		expect(res.headers.get('cache-control')).toBe('no-cache');
		expectSecurityHeaders(res);
		const again = await fetch(`${server.base}${path}`, {
			headers: { 'if-none-match': res.headers.get('etag')! }
		});
		expect(again.status).toBe(304);
	});

	it('on Cloudflare static files get the same headers: _headers is built from the same list', () => {
		const built = readFileSync('.svelte-kit/cloudflare/_headers', 'utf8');
		expect(built.startsWith(securityHeadersRule())).toBe(true);
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
			expect(securityHeadersRule()).toContain(`\n  ${name}: ${value}\n`);
		}
	});

	it('no response allows another origin (no CORS)', async () => {
		for (const path of ['/', '/api/health', '/manifest.webmanifest', '/api/no-such-route']) {
			const res = await fetch(`${server.base}${path}`, {
				headers: { origin: 'https://evil.example' }
			});
			await res.arrayBuffer();
			expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
		}
	});
});

describe('the API behind the server', () => {
	it('records the address of the connection, never one the client claims', async () => {
		const email = `nobody-${crypto.randomUUID()}@ordo.test`;
		const res = await fetch(`${server.base}/api/auth/sign-in`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: server.base,
				'x-ordo-client-ip': '203.0.113.66'
			},
			body: JSON.stringify({ email, password: 'not the password at all' })
		});
		await res.arrayBuffer();
		expect(res.status).toBe(401);
		const rows = await t.db.select({ ip: auditLog.ip }).from(auditLog);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.map((row) => row.ip)).not.toContain('203.0.113.66');
		expect(rows.map((row) => row.ip)).toContain('127.0.0.1');
	});
});

describe('scheduled jobs on the embedded server', () => {
	it('run from the primary at start: the long-expired session goes, the live one stays', async () => {
		const remaining = async () =>
			(await t.db.select({ id: sessions.id }).from(sessions)).map((row) => row.id);
		for (let tries = 0; tries < 200 && (await remaining()).includes(expiredSessionId); tries++) {
			await sleep(100);
		}
		expect(await remaining()).toEqual([liveSessionId]);
		const [live] = await t.db.select().from(sessions).where(eq(sessions.id, liveSessionId));
		expect(live).toBeDefined();
		// One process ran them: each job reported once, however many processes serve.
		expect(server.output().match(/job prune-expired:/g)).toHaveLength(1);
	});
});

describe('writes from two processes at once', () => {
	// BEGIN DEFERRED batches upgraded to writers after another process had committed and
	// SQLite refused them at once with SQLITE_BUSY: 5 of 8 simultaneous sign-ins answered 500
	// (tester's pass). Write batches now take the write lock at BEGIN and wait their turn.
	it('answers simultaneous sign-ins of several people without a 5xx', async () => {
		const people = await Promise.all(
			Array.from({ length: 4 }, () => createUser(t.db, { role: 'warehouse' }))
		);
		const passwords = [...Array<string>(6).fill(TEST_PASSWORD), 'not the password at all'];
		const attempts = people.flatMap((person) =>
			passwords.map(async (password) => {
				const res = await fetch(`${server.base}/api/auth/sign-in`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: server.base },
					body: JSON.stringify({ email: person.email, password })
				});
				await res.arrayBuffer();
				return { status: res.status, right: password === TEST_PASSWORD };
			})
		);
		const results = await Promise.all(attempts);
		expect(results.filter((r) => r.status >= 500)).toEqual([]);
		expect(results.filter((r) => r.right).every((r) => r.status === 200)).toBe(true);
		expect(results.filter((r) => !r.right).every((r) => r.status === 401)).toBe(true);
	});
});

describe('the API gets every binding the server was started with', () => {
	// Under `npm start` the payment routes answered 503 "Payments are not set up" although the
	// sandbox was running: the server handed the API only three of its bindings.
	it('reaches the payment verbs with the sandbox configured: 404 for an unknown order, not 503', async () => {
		const rep = await createUser(t.db, { role: 'support' });
		const signIn = await fetch(`${server.base}/api/auth/sign-in`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.base },
			body: JSON.stringify({ email: rep.email, password: TEST_PASSWORD })
		});
		await signIn.arrayBuffer();
		expect(signIn.status).toBe(200);
		const cookie = signIn.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		const res = await fetch(`${server.base}/api/orders/no-such-order/refunds`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.base, cookie },
			body: JSON.stringify({ amountMinor: 100, reason: 'server check' })
		});
		const body = (await res.json()) as { type: string };
		expect(body.type).not.toBe('urn:ordo:problem:payments-not-configured');
		expect(res.status).toBe(404);
	});
});
