/**
 * The server the browser tests run against (playwright.config.ts `webServer`), as
 * close to production as this machine gets: the BUILT worker (`npm run build`) in
 * workerd through `wrangler dev`, over libSQL HTTP (scripts/hrana/server.ts),
 * on a fresh database seeded with the demo shop. Nothing from a previous run leaks in.
 *
 * The build is copied aside first: .svelte-kit is shared with every other build in
 * this checkout, and a rebuild halfway through a run would swap the app under it.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { seed } from '../../scripts/seed/index';
import { freePort, startDeployProxy } from './deploy-proxy';
import { TEST_DATA_KEY } from './factories';
import { RETURNS_REP } from './returns-rep';
import { systemCtx } from '../../worker/core/context';
import { createUser } from '../../worker/features/auth/create-user';
import { seedPickableOrders } from './orders-factory-fulfilment';
import { seedMergeJourney } from './customers-e2e';
import { seedReturnJourney } from './returns-e2e';
import { seedReceivingJourney } from './receiving-factory';
import { seedClaimJourney } from './claims-e2e';
import { ROUND_TRIP, seedReturnsJourneys } from './journey-e2e';
import { seedCreditJourney } from './credit-e2e';
import { drizzleOver } from '../../db/client';
import { startHranaServer } from '../../scripts/hrana/server';
import { seedEvidenceJourney } from './evidence-factory';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKER = join(ROOT, '.svelte-kit/cloudflare/_worker.js');
const port = Number(process.env.E2E_PORT ?? 4317);

if (!existsSync(WORKER)) {
	console.error(`e2e-server: ${WORKER} is missing. Run \`npm run build\` first.`);
	process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'ordo-e2e-'));
const app = join(dir, 'app');
for (const part of ['cloudflare', 'cloudflare-tmp', 'output'].map((d) => `.svelte-kit/${d}`)) {
	cpSync(join(ROOT, part), join(app, part), { recursive: true });
}
cpSync(join(ROOT, 'wrangler.toml'), join(app, 'wrangler.toml'));
// wrangler bundles the server output, which imports packages by name.
symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
const url = `file:${join(dir, 'ordo.db')}`;

// The browser talks to the proxy (deploy-proxy.ts), the proxy to wrangler.
const workerPort = await freePort();

// The sandbox payment provider on its own origin and port, as `npm start` runs it
// (scripts/start/sandbox-pay.ts): the customer pays on its page, its signed webhooks
// go straight to the worker.
const payPort = await freePort();
const payUrl = `http://127.0.0.1:${payPort}`;
const payWebhookSecret = `whsec_${randomBytes(24).toString('hex')}`;
const paySecretKey = `sk_test_${randomBytes(12).toString('hex')}`;
const sandboxPay = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox-pay/main.ts'], {
	cwd: ROOT,
	stdio: 'inherit',
	env: {
		...process.env,
		SANDBOX_PAY_PORT: String(payPort),
		SANDBOX_PAY_WEBHOOK_SECRET: payWebhookSecret,
		SANDBOX_PAY_SECRET_KEY: paySecretKey,
		ORDO_WEBHOOK_URL: `http://127.0.0.1:${workerPort}/api/payments/webhooks/sandbox`
	}
});

// MFA seals authenticator secrets with ORDO_DATA_KEY; a secret goes in a file, not argv.
const secrets = join(dir, 'secrets.env');
writeFileSync(
	secrets,
	[
		`ORDO_DATA_KEY=${TEST_DATA_KEY}`,
		'PAYMENT_PROVIDER=sandbox',
		`SANDBOX_PAY_URL=${payUrl}`,
		`SANDBOX_PAY_SECRET_KEY=${paySecretKey}`,
		`SANDBOX_PAY_WEBHOOK_SECRET=${payWebhookSecret}`,
		''
	].join('\n'),
	{ mode: 0o600 }
);

/**
 * Issue 11's round trip refunds through the sandbox provider, which refunds only payments
 * it took: the seeded order's payment is paid on the sandbox's own page first, and the
 * payment row points at that checkout and intent (its webhook reaches the worker later and
 * finds the payment already succeeded).
 */
async function paidThroughSandbox(db: Client, orderNumber: string): Promise<void> {
	const { rows } = await db.execute({
		sql: `SELECT p.id, p.amount_minor AS amount, o.id AS orderId FROM payments p
			JOIN orders o ON o.id = p.order_id WHERE o.number = ?`,
		args: [orderNumber]
	});
	const payment = rows[0]!;
	const auth = { authorization: `Bearer ${paySecretKey}` };
	let session: { id: string } | null = null;
	for (let tries = 0; !session && tries < 100; tries++) {
		const res = await fetch(`${payUrl}/v1/checkout/sessions`, {
			method: 'POST',
			headers: auth,
			body: new URLSearchParams({
				'line_items[0][price_data][unit_amount]': String(payment.amount),
				'line_items[0][price_data][currency]': 'gbp',
				'line_items[0][quantity]': '1',
				client_reference_id: orderNumber,
				'metadata[order_id]': String(payment.orderId),
				success_url: 'http://localhost/paid',
				cancel_url: 'http://localhost/cancelled'
			})
		}).catch(() => null);
		if (res?.ok) session = (await res.json()) as { id: string };
		else await new Promise((r) => setTimeout(r, 100));
	}
	if (!session) throw new Error('e2e-server: the sandbox provider did not start');
	await fetch(`${payUrl}/pay/${session.id}`, {
		method: 'POST',
		body: new URLSearchParams({ action: 'pay', card: 'visa' }),
		redirect: 'manual'
	});
	const paid = (await (
		await fetch(`${payUrl}/v1/checkout/sessions/${session.id}`, { headers: auth })
	).json()) as { payment_intent: string };
	await db.execute({
		sql: 'UPDATE payments SET provider_ref = ?, payment_intent_ref = ? WHERE id = ?',
		args: [session.id, paid.payment_intent, String(payment.id)]
	});
}

const client = createClient({ url });
const summary = await seed({ client, dataKey: TEST_DATA_KEY });
await seedPickableOrders(drizzleOver(client));
await seedMergeJourney(drizzleOver(client));
await seedReturnJourney(drizzleOver(client));
await seedReceivingJourney(drizzleOver(client));
await seedClaimJourney(drizzleOver(client));
await seedReturnsJourneys(drizzleOver(client));
await seedEvidenceJourney(drizzleOver(client));
await paidThroughSandbox(client, ROUND_TRIP.orderNumber);
await seedCreditJourney(drizzleOver(client));
// The returns journeys' rep: a support account of their own, so their sign-ins do not use
// up the demo rep's sign-in limit (20 per account per 15 minutes) that other journeys need.
await createUser({
	ctx: systemCtx(drizzleOver(client), Date.now(), TEST_DATA_KEY),
	input: RETURNS_REP
});
client.close();
console.log(`e2e-server: seeded ${summary.products} products, ${summary.users} users in ${dir}`);

const hrana = await startHranaServer({ url });
const proxy = await startDeployProxy({ port, target: workerPort });
const wrangler = spawn(
	'npx',
	[
		'wrangler',
		'dev',
		'--config',
		join(app, 'wrangler.toml'),
		'--port',
		String(workerPort),
		'--ip',
		'127.0.0.1',
		'--var',
		`LIBSQL_URL:${hrana.url}`,
		'--env-file',
		secrets,
		'--persist-to',
		join(dir, 'wrangler-state'),
		'--show-interactive-dev-session=false',
		'--log-level',
		'warn'
	],
	{
		cwd: ROOT,
		stdio: 'inherit',
		// Its own process group (npx -> wrangler -> workerd): stop() ends the whole group.
		// Killing npx alone left wrangler and workerd running after the suite (issue 6 §5).
		detached: true,
		env: {
			...process.env,
			WRANGLER_SEND_METRICS: 'false',
			// No network here: skip fetching the request.cf placeholder from workers.cloudflare.com.
			CLOUDFLARE_CF_FETCH_ENABLED: 'false',
			CI: '1',
			NO_UPDATE_NOTIFIER: '1'
		}
	}
);

/** Ends wrangler's whole process group; safe to call more than once, and synchronous for 'exit'. */
function endWrangler(signal: NodeJS.Signals = 'SIGTERM'): void {
	if (wrangler.pid === undefined) return;
	try {
		process.kill(-wrangler.pid, signal);
	} catch {
		// The group has already ended.
	}
}

let stopping = false;
async function stop(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	endWrangler();
	sandboxPay.kill();
	proxy.closeAllConnections();
	proxy.close();
	await hrana.close();
	rmSync(dir, { recursive: true, force: true });
	process.exit(code);
}

wrangler.once('exit', (code) => void stop(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
	process.once(signal, () => void stop(0));
// Whatever ends this process (an error, process.exit), workerd does not outlive it.
process.once('exit', () => {
	endWrangler('SIGKILL');
	sandboxPay.kill('SIGKILL');
});
