// The production server of the embedded default (`npm start`, `npm run bench`): one
// process per core (node:cluster), each serving the built app over the same libSQL
// file. SQLite in WAL mode lets the processes read at once while one writes; a busy
// timeout (db/client.ts) makes a writer wait for another's short batch instead of
// failing. The primary only forks, restarts a process that dies, and runs the
// scheduled jobs (jobs.ts), so they run once however many processes serve.
//
// Environment: PORT (4173), HOST (127.0.0.1), LIBSQL_URL, ORDO_DATA_KEY,
// ORDO_WORKERS (default: os.availableParallelism()).
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { createHttpServer } from './http-server';
import { prepareDatabase, startJobs } from './jobs';

const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const RESTART_DELAY_MS = 1_000;

async function primary(): Promise<void> {
	const url = process.env.LIBSQL_URL;
	if (!url) throw new Error('LIBSQL_URL is not set');
	await prepareDatabase(url);
	const count = Number(process.env.ORDO_WORKERS) || availableParallelism();
	let stopping = false;
	let served = false;
	for (let i = 0; i < count; i++) cluster.fork();
	cluster.once('listening', () => (served = true));
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) return;
		// A process that fails before it ever listened (no build, port taken) would only
		// fail again: stop instead of restarting it forever.
		if (!served) {
			console.error('the server could not start; see the error above');
			process.exit(1);
		}
		console.error(
			`server process ${worker.process.pid} ended (${signal ?? code}); starting another`
		);
		setTimeout(() => cluster.fork(), RESTART_DELAY_MS).unref();
	});
	const jobs = startJobs(url);
	const stop = () => {
		if (stopping) return;
		stopping = true;
		jobs.stop();
		for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
		// Give in-flight requests a moment, then go regardless.
		setTimeout(() => process.exit(0), 3_000).unref();
		cluster.on('exit', () => {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
		});
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
}

async function worker(): Promise<void> {
	const server = await createHttpServer();
	server.listen(port, host);
	const stop = () => {
		server.close(() => process.exit(0));
		server.closeIdleConnections();
		setTimeout(() => process.exit(0), 2_000).unref();
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', () => {}); // the primary decides; Ctrl-C reaches every process
	// The primary is gone (killed): nothing would restart or stop this process, so end it.
	process.on('disconnect', () => process.exit(0));
}

if (cluster.isPrimary) {
	primary().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
} else {
	worker().catch((error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		process.exit(1);
	});
}
