import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// The stress's servers listen on 4400–4499 (the range this work was given on a shared
// machine), each on the first free port from `from`.
export const PORT_RANGE = { from: 4400, to: 4499 } as const;

export type ProductionServer = {
	base: string;
	port: number;
	/** The primary's pid; the server processes are its children, in its process group. */
	pid: number;
	output: () => string;
	/** kill -9 of the primary and every server process: no handler runs, nothing flushes. */
	kill: () => Promise<void>;
	stop: () => Promise<void>;
};

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

export async function freePortInRange(from: number = PORT_RANGE.from): Promise<number> {
	for (let port = from; port <= PORT_RANGE.to; port++) if (await portIsFree(port)) return port;
	throw new Error(`no free port in ${from}–${PORT_RANGE.to}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		process.kill(-child.pid!, signal);
	} catch {
		// Already gone.
	}
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * The production server `npm start` runs (scripts/serve/main.ts: a primary that prepares
 * the database and forks `workers` server processes) over `url`, in its own process group
 * so kill() and stop() reach every process it started and nothing else.
 */
export async function startProductionServer({
	url,
	port,
	workers,
	env = {}
}: {
	url: string;
	port: number;
	workers: number;
	env?: Record<string, string>;
}): Promise<ProductionServer> {
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve/main.ts'], {
		env: {
			...process.env,
			LIBSQL_URL: url,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORDO_WORKERS: String(workers),
			...env
		},
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const server: ProductionServer = {
		base,
		port,
		pid: child.pid!,
		output: () => output,
		kill: async () => {
			signalGroup(child, 'SIGKILL');
			await exited(child);
		},
		stop: async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			signalGroup(child, 'SIGTERM');
			await Promise.race([exited(child), sleep(5_000).then(() => signalGroup(child, 'SIGKILL'))]);
		}
	};
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
		const up = await fetch(`${base}/api/health`).then(
			async (res) => (await res.arrayBuffer(), res.ok),
			() => false
		);
		if (up) return server;
		await sleep(200);
	}
	await server.stop();
	throw new Error(`the server on ${base} did not answer /api/health:\n${output}`);
}
