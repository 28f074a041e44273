// `npm run dev:edge`: the built Worker in workerd on this machine, as it runs on
// Cloudflare. Builds when the sources changed, brings the embedded database
// (.data/ordo.db) up to date through the admin CLI (seeding the demo shop into a
// new one), serves it over Hrana HTTP (workerd's @libsql/client speaks only
// http/https), then `wrangler dev` runs the bundle against it. Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHranaServer } from './hrana/server';
import { loadOrCreateDataKey } from './cli/data-key';
import { localPath } from './cli/database';
import { demoLogins } from './cli/demo-logins';

const DB_URL = 'file:.data/ordo.db';
const WORKER = '.svelte-kit/cloudflare/_worker.js';
const SOURCES = ['web', 'worker', 'db', 'static', 'svelte.config.js', 'vite.config.ts'];
// The data key reaches wrangler in a 0600 file, not on its command line, where every
// local user could read it in the process list.
const SECRETS_FILE = '.data/dev-edge.env';
const port = process.env.PORT ?? '8787';
// Local only: no telemetry, and miniflare's placeholder `Request.cf` instead of
// fetching a sample from workers.cloudflare.com (which also works offline).
const childEnv = {
	...process.env,
	WRANGLER_SEND_METRICS: 'false',
	CLOUDFLARE_CF_FETCH_ENABLED: 'false'
};

function newestChange(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function runOrExit(command: string, args: string[]): void {
	const result = spawnSync(command, args, { stdio: 'inherit', env: childEnv });
	if (result.status !== 0) {
		console.error(`dev:edge: \`${command} ${args.join(' ')}\` failed; see the output above`);
		process.exit(result.status ?? 1);
	}
}

// Same rule as `npm start`: a build (~30 s) only when the bundle is older than a source.
function buildIfStale(): void {
	const built = existsSync(WORKER) ? statSync(WORKER).mtimeMs : 0;
	if (built > Math.max(...SOURCES.map(newestChange))) return;
	console.log(built ? 'sources changed since the last build; building…' : 'building the app…');
	runOrExit('npx', ['vite', 'build']);
}

// `seed` migrates first and refuses a database that has a shop, so a new file is seeded
// and an existing one only migrated. The Worker would migrate too; this fails earlier.
function prepareDatabase(): void {
	const fresh = !existsSync(localPath(DB_URL)!);
	runOrExit('npx', ['tsx', 'scripts/ordo.ts', fresh ? 'seed' : 'migrate', '--db', DB_URL]);
}

async function printLogins(): Promise<void> {
	const { createClient } = await import('@libsql/client');
	const client = createClient({ url: DB_URL });
	try {
		const logins = await demoLogins(client);
		if (logins.length === 0) return;
		console.log('Demo logins (public demo credentials, role / email / password):');
		for (const line of logins) console.log(line);
	} finally {
		client.close();
	}
}

async function waitUntilUp(address: string): Promise<boolean> {
	for (let tries = 0; tries < 480; tries++) {
		const up = await fetch(`${address}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
			(res) => res.ok,
			() => false
		);
		if (up) return true;
		await new Promise((wait) => setTimeout(wait, 250));
	}
	return false;
}

buildIfStale();
prepareDatabase();
writeFileSync(SECRETS_FILE, `ORDO_DATA_KEY=${loadOrCreateDataKey()}\n`, { mode: 0o600 });
chmodSync(SECRETS_FILE, 0o600); // `mode` applies only when the file is created
const hrana = await startHranaServer({ url: DB_URL });
const wrangler = spawn(
	'npx',
	[
		'wrangler',
		'dev',
		'--ip',
		'127.0.0.1',
		'--port',
		port,
		'--var',
		`LIBSQL_URL:${hrana.url}`,
		'--env-file',
		SECRETS_FILE,
		'--show-interactive-dev-session=false'
	],
	{ stdio: 'inherit', env: childEnv }
);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		if (wrangler.exitCode === null) wrangler.kill(signal);
	});
}
wrangler.on('exit', (code, signal) => {
	void hrana.close().then(() => process.exit(code ?? (signal ? 1 : 0)));
});

const address = `http://127.0.0.1:${port}`;
if (await waitUntilUp(address)) {
	console.log(`\nOrdo (workerd) is running at ${address}`);
	console.log(`  database ${DB_URL} over Hrana HTTP at ${hrana.url}`);
	await printLogins();
	console.log('Press Ctrl-C to stop.\n');
}
