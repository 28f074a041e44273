import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const BUILT_WORKER = '.svelte-kit/cloudflare/_worker.js';
const READY_TIMEOUT_MS = 120_000;

export type Server = { baseUrl: string; stop: () => Promise<void> };

/** Builds the app the way `npm start` serves it, unless a build is already there. */
export function ensureBuilt(): void {
	if (existsSync(BUILT_WORKER)) return;
	console.log(`${BUILT_WORKER} is missing: npm run build`);
	const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status})`);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

function stopGroup(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	// The server runs in its own process group (primary → one process per core): signal the
	// group by the id we started, so nothing it spawned outlives the bench.
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, name);
		} catch {
			// Already gone.
		}
	};
	signal('SIGTERM');
	return Promise.race([exited, sleep(5_000).then(() => signal('SIGKILL'))]);
}

class ExitedEarly extends Error {}

const ATTEMPTS = 4;
const RETRY_AFTER_MS = 15_000;

/**
 * The production server `npm start` runs (scripts/serve/main.ts, one process per core)
 * on 127.0.0.1 with the bench database; resolves once GET /api/health answers 200. The
 * build output is shared with anyone running `vite build` in the same checkout, and a
 * server started mid-build exits at once (a module is missing), so an early exit is
 * retried a few times.
 */
export async function startServer(libsqlUrl: string): Promise<Server> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce(libsqlUrl);
		} catch (error) {
			if (!(error instanceof ExitedEarly) || attempt >= ATTEMPTS) throw error;
			console.log(`the server exited early (attempt ${attempt}); retrying in 15 s`);
			await sleep(RETRY_AFTER_MS);
		}
	}
}

async function startOnce(libsqlUrl: string): Promise<Server> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve/main.ts'], {
		env: { ...process.env, LIBSQL_URL: libsqlUrl, HOST: '127.0.0.1', PORT: String(port) },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const stop = () => stopGroup(child);
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new ExitedEarly(`the server exited early:\n${output}`);
		const ok = await fetch(`${baseUrl}/api/health`)
			.then(async (res) => (await res.arrayBuffer(), res.status === 200))
			.catch(() => false);
		if (ok) return { baseUrl, stop };
		await sleep(250);
	}
	await stop();
	throw new Error(`the server did not answer /api/health within 120 s:\n${output}`);
}

/** Signs in as a staff user and returns the Cookie header value for later requests. */
export async function signIn(
	baseUrl: string,
	{ email, password }: { email: string; password: string }
): Promise<string> {
	const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: baseUrl },
		body: JSON.stringify({ email, password })
	});
	const body = await res.text();
	if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${body}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-ordo_session='));
	if (!cookie) throw new Error('sign-in set no __Host-ordo_session cookie');
	return cookie.split(';')[0]!;
}
