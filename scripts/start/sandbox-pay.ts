import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

/** `wanted` when it is free on 127.0.0.1, else any free port (another program may hold 4242). */
function portFor(wanted: number): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => {
			const any = createServer().listen(0, '127.0.0.1', () => {
				const { port } = any.address() as { port: number };
				any.close(() => resolve(port));
			});
		});
		probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(wanted)));
	});
}

/**
 * Starts the sandbox payment provider (scripts/sandbox-pay) beside Ordo with a webhook
 * secret made for this run, and returns the environment Ordo needs to use it.
 */
export async function startSandboxPay(ordoPort: string): Promise<Record<string, string>> {
	// An explicit SANDBOX_PAY_PORT is used as it is; the default moves aside when taken,
	// rather than npm start failing on someone else's server.
	const port = process.env.SANDBOX_PAY_PORT ?? String(await portFor(4242));
	const secret =
		process.env.SANDBOX_PAY_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString('hex')}`;
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox-pay/main.ts'], {
		stdio: 'inherit',
		env: {
			...process.env,
			SANDBOX_PAY_PORT: port,
			SANDBOX_PAY_WEBHOOK_SECRET: secret,
			ORDO_WEBHOOK_URL: `http://127.0.0.1:${ordoPort}/api/payments/webhooks/sandbox`
		}
	});
	process.on('exit', () => child.kill());
	return {
		PAYMENT_PROVIDER: 'sandbox',
		SANDBOX_PAY_URL: `http://127.0.0.1:${port}`,
		SANDBOX_PAY_WEBHOOK_SECRET: secret
	};
}
