import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * Starts the sandbox payment provider (scripts/sandbox-pay) beside Ordo with a webhook
 * secret made for this run, and returns the environment Ordo needs to use it.
 */
export function startSandboxPay(ordoPort: string): Record<string, string> {
	const port = process.env.SANDBOX_PAY_PORT ?? '4242';
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
