// The embedded production server (scripts/serve/main.ts) as a child process for tests:
// the real cluster on a free port over a given libSQL file, stopped with its whole
// process group so no server process outlives the test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './deploy-proxy';
import { TEST_DATA_KEY } from './factories';

// The built SvelteKit server and the API entry scripts/serve loads beside it.
const BUILT = ['.svelte-kit/output/server/index.js', '.svelte-kit/output/server/ordo-api.js'];

export type EmbeddedServer = {
	base: string;
	port: number;
	output: () => string;
	stop(): Promise<void>;
};

/**
 * Builds once when no build is there; a build present is reused (keeps the test fast).
 * `npm test` builds before its first layer, so it always tests the current sources.
 */
export function ensureBuilt(): void {
	if (BUILT.every((file) => existsSync(file))) return;
	const built = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) throw new Error(`vite build failed (exit ${built.status})`);
}

function stopGroup(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
		return Promise.resolve();
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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

export async function startEmbeddedServer({
	url,
	env = {}
}: {
	url: string;
	env?: Record<string, string>;
}): Promise<EmbeddedServer> {
	ensureBuilt();
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve/main.ts'], {
		env: {
			...process.env,
			LIBSQL_URL: url,
			ORDO_DATA_KEY: TEST_DATA_KEY,
			HOST: '127.0.0.1',
			PORT: String(port),
			...env
		},
		// Its own process group, so stop() reaches the primary and every server process.
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const server = { base, port, output: () => output, stop: () => stopGroup(child) };
	for (let tries = 0; tries < 480; tries++) {
		if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
		const up = await fetch(`${base}/api/health`).then(
			async (res) => (await res.arrayBuffer(), res.ok),
			() => false
		);
		if (up) return server;
		await sleep(250);
	}
	await server.stop();
	throw new Error(`the server did not answer /api/health:\n${output}`);
}
