// The sandbox payment provider on its own origin and port (`npm start` starts it beside
// Ordo). Environment: SANDBOX_PAY_PORT (4242), SANDBOX_PAY_WEBHOOK_SECRET (required),
// ORDO_WEBHOOK_URL (where events go; default Ordo on 127.0.0.1:4173).
import { serve } from '@hono/node-server';
import { SANDBOX_SECRET_KEY } from '../../worker/features/payments/configure';
import { createSandbox } from './app';

const port = Number(process.env.SANDBOX_PAY_PORT ?? 4242);
const secret = process.env.SANDBOX_PAY_WEBHOOK_SECRET;
if (!secret) throw new Error('SANDBOX_PAY_WEBHOOK_SECRET is not set');
const target =
	process.env.ORDO_WEBHOOK_URL ?? 'http://127.0.0.1:4173/api/payments/webhooks/sandbox';

const sandbox = createSandbox({
	publicUrl: `http://127.0.0.1:${port}`,
	secretKey: process.env.SANDBOX_PAY_SECRET_KEY ?? SANDBOX_SECRET_KEY,
	secret,
	send: async (body, headers) => (await fetch(target, { method: 'POST', body, headers })).status,
	log: (line) => console.log(`[sandbox-pay] ${line}`)
});
setInterval(sandbox.expireDue, 5_000).unref();
serve({ fetch: sandbox.app.fetch, port, hostname: '127.0.0.1' }, () =>
	console.log(`Sandbox payment page at http://127.0.0.1:${port} (webhooks to ${target})`)
);
