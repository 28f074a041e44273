/**
 * A pass-through proxy in front of `wrangler dev` that can make one browser context
 * see a new deploy: with the cookie `e2e-deploy=<n>`, /service-worker.js gets a
 * trailing comment, so the browser finds a changed worker and installs it as an
 * update. Playwright cannot route a service worker's own script fetch, so this is
 * how the "Update available" prompt is tested without touching other tests.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEPLOY_COOKIE = 'e2e-deploy';

function deployOf(cookie: string | undefined): string | null {
	const match = new RegExp(`(?:^|;\\s*)${DEPLOY_COOKIE}=([\\w-]+)`).exec(cookie ?? '');
	return match?.[1] ?? null;
}

export async function startDeployProxy({
	port,
	target
}: {
	port: number;
	target: number;
}): Promise<Server> {
	const server = createServer((req, res) => {
		const deploy =
			req.method === 'GET' && req.url === '/service-worker.js'
				? deployOf(req.headers.cookie)
				: null;
		const headers = { ...req.headers };
		if (deploy !== null) {
			// The whole, uncompressed script is needed to change it, never a 304.
			delete headers['if-none-match'];
			delete headers['if-modified-since'];
			delete headers['accept-encoding'];
		}
		const upstream = request(
			{ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers },
			(answer) => {
				if (deploy === null || answer.statusCode !== 200) {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
					return;
				}
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					const body = `${Buffer.concat(chunks).toString('utf8')}\n// deploy ${deploy}\n`;
					const changed = { ...answer.headers, 'content-length': Buffer.byteLength(body) };
					delete changed.etag;
					res.writeHead(200, changed);
					res.end(body);
				});
			}
		);
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return server;
}

/** A port nobody is listening on right now, for the server behind the proxy. */
export async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}
