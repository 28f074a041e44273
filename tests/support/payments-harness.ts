import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { api } from '../../worker/app';
import type { Bindings } from '../../worker/core/context';
import { SANDBOX_SECRET_KEY } from '../../worker/features/payments/configure';
import { createSandbox, type Sandbox } from '../../scripts/sandbox-pay/app';
import { TEST_DATA_KEY } from './factories';
import { createTestApi, ORIGIN, type TestApi } from './test-api';

export const WEBHOOK_SECRET = 'whsec_test_payments';
export const WEBHOOK_PATH = '/api/payments/webhooks/sandbox';

export type PaymentsTestApi = TestApi & {
	sandbox: Sandbox;
	sandboxUrl: string;
	/** The app with the sandbox configured as its payment provider. */
	env: Bindings;
	/** While true, every webhook delivery gets no answer (a lost webhook); its body is kept. */
	webhooksDown: { value: boolean; dropped: string[] };
	close(): Promise<void>;
};

/**
 * The app over a fresh database, with the sandbox provider listening on a free port (the
 * provider's REST calls go over real HTTP) and its webhooks delivered to the app in-process.
 */
export async function createPaymentsTestApi(): Promise<PaymentsTestApi> {
	const base = await createTestApi();
	let env: Bindings = {};
	const request: TestApi['request'] = (path, init = {}) => {
		const { session, json, ...rest } = init;
		const headers = new Headers(rest.headers);
		if (session) headers.set('cookie', session.cookie);
		if (json !== undefined) {
			headers.set('content-type', 'application/json');
			rest.body = JSON.stringify(json);
		}
		if ((rest.method ?? 'GET').toUpperCase() !== 'GET' && !headers.has('origin'))
			headers.set('origin', ORIGIN);
		return Promise.resolve(api.request(path, { ...rest, headers }, env));
	};
	let publicUrl = '';
	const webhooksDown = { value: false, dropped: [] as string[] };
	const sandbox = createSandbox({
		get publicUrl() {
			return publicUrl;
		},
		secretKey: SANDBOX_SECRET_KEY,
		secret: WEBHOOK_SECRET,
		baseDelayMs: 5,
		maxAttempts: 4,
		send: async (body, headers) => {
			if (webhooksDown.value) {
				webhooksDown.dropped.push(body);
				throw new Error('webhook lost');
			}
			return (await request(WEBHOOK_PATH, { method: 'POST', body, headers })).status;
		}
	});
	const server: ServerType = await new Promise((resolve) => {
		const s = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
	});
	publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	env = {
		LIBSQL_URL: base.url,
		ORDO_DATA_KEY: TEST_DATA_KEY,
		PAYMENT_PROVIDER: 'sandbox',
		SANDBOX_PAY_URL: publicUrl,
		SANDBOX_PAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
		EVIDENCE: base.evidence
	};
	const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return { ...base, request, sandbox, sandboxUrl: publicUrl, env, webhooksDown, close };
}

/** What a tester's browser does on the hosted page: press Pay, Fail or Abandon. */
export async function pressOnHostedPage(
	url: string,
	action: 'pay' | 'fail' | 'abandon',
	card = 'visa'
): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		body: new URLSearchParams({ action, card }),
		redirect: 'manual'
	});
}
