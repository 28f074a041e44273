// `npm start`: Ordo on this machine with the embedded database. Migrates, seeds the demo
// shop into an empty database, builds when the sources changed, then serves the built app
// with the production server (scripts/serve/main.ts: one process per core).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrl } from './cli/database';
import { loadOrCreateDataKey } from './cli/data-key';
import { prepareDatabase, printLogins } from './start/prepare';
import { startSandboxPay } from './start/sandbox-pay';

const WORKER = '.svelte-kit/cloudflare/_worker.js';
const SOURCES = [
	'web',
	'worker',
	'db',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
const port = process.env.PORT ?? '4173';
const url = databaseUrl();

function newestChange(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

// A build takes ~30 s, so it runs only when the worker bundle is missing or older than
// any source: a second `npm start` with nothing changed serves at once.
function buildIfStale(): void {
	const built = existsSync(WORKER) ? statSync(WORKER).mtimeMs : 0;
	if (built > Math.max(...SOURCES.map(newestChange))) return;
	console.log(built ? 'sources changed since the last build; building…' : 'building the app…');
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('the build failed; see the output above');
		process.exit(result.status ?? 1);
	}
}

async function announceWhenUp(logins: string[]): Promise<void> {
	const address = `http://127.0.0.1:${port}`;
	for (let tries = 0; tries < 240; tries++) {
		const up = await fetch(`${address}/api/health`).then(
			() => true,
			() => false
		);
		if (up) {
			console.log(`\nOrdo is running at ${address}`);
			printLogins(url, logins);
			console.log('Press Ctrl-C to stop.\n');
			return;
		}
		await new Promise((wait) => setTimeout(wait, 250));
	}
}

const { logins } = await prepareDatabase(url, loadOrCreateDataKey());
// Printed now, before a build that may fail, and again once the server answers.
printLogins(url, logins);
// `--prepare-only`: the preparation alone (tests/api/bare-clone.test.ts), no build or server.
if (process.argv.includes('--prepare-only')) process.exit(0);
buildIfStale();
// The sandbox payment provider on its own origin (scripts/sandbox-pay), unless Stripe is set.
const pay = process.env.PAYMENT_PROVIDER === 'stripe' ? {} : await startSandboxPay(port);
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve/main.ts'], {
	stdio: 'inherit',
	env: {
		...process.env,
		PORT: port,
		HOST: '127.0.0.1',
		LIBSQL_URL: url,
		ORDO_DATA_KEY: loadOrCreateDataKey(),
		...pay
	}
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
void announceWhenUp(logins);
