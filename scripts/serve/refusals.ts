// Answers the server gives before a request reaches SvelteKit or the API: problem+json
// (RFC 9457, the API's own format: worker/core/problem.ts) under /api, short text for
// pages. Each carries the same security headers as every other response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_TYPE_BASE, type Problem } from '../../worker/core/problem';
import { applySecurityHeaders } from '../../worker/core/security-headers';
import { ALLOWED_METHODS } from './limits';

export type Refusal = { status: number; code: string; title: string; detail: string };

export const METHOD_NOT_ALLOWED: Refusal = {
	status: 405,
	code: 'method-not-allowed',
	title: 'Ordo does not answer this kind of request',
	detail: `Use one of ${ALLOWED_METHODS.join(', ')}.`
};

export const BODY_TOO_LARGE = (maxBytes: number): Refusal => ({
	status: 413,
	code: 'body-too-large',
	title: 'The request is too large',
	detail: `Send at most ${Math.floor(maxBytes / 1024)} KiB in one request.`
});

export const BAD_REQUEST: Refusal = {
	status: 400,
	code: 'bad-request',
	title: 'The request could not be read',
	detail: 'It is not a well-formed HTTP request.'
};

function isApi(path: string | undefined): boolean {
	return (
		path === '/api' || (path?.startsWith('/api/') ?? false) || path?.startsWith('/api?') === true
	);
}

/** The refusal as a Response (inside the Hono app). */
export function refusalResponse(refusal: Refusal, path: string): Response {
	const headers = new Headers({ connection: 'close' });
	const body = render(refusal, path, headers);
	return new Response(body, { status: refusal.status, headers });
}

/** The refusal written straight to Node's response (before any Request exists). */
export function writeRefusal(res: ServerResponse, req: IncomingMessage, refusal: Refusal): void {
	const headers = new Headers();
	const body = Buffer.from(render(refusal, req.url ?? '/', headers));
	headers.set('content-length', String(body.length));
	res.shouldKeepAlive = false;
	res.writeHead(refusal.status, Object.fromEntries(headers));
	res.end(req.method === 'HEAD' ? undefined : body);
	// Whatever body the client meant to send is not read: drop the connection after the answer.
	req.resume();
}

/** The refusal as raw HTTP/1.1 on a socket Node's parser gave up on (or a CONNECT tunnel). */
export function writeRawRefusal(socket: Socket, refusal: Refusal, path = '/'): void {
	// The client may hang up first (ECONNRESET): an unhandled socket error would end the
	// process, so every error on this socket only closes it.
	socket.on('error', () => socket.destroy());
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	const headers = new Headers({ connection: 'close' });
	const body = Buffer.from(render(refusal, path, headers));
	headers.set('content-length', String(body.length));
	const lines = [...headers].map(([name, value]) => `${name}: ${value}`);
	const head = `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${lines.join('\r\n')}\r\n\r\n`;
	socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}

function render(refusal: Refusal, path: string, headers: Headers): string {
	const api = isApi(path);
	applySecurityHeaders(headers, { api });
	if (refusal.status === 405) headers.set('allow', ALLOWED_METHODS.join(', '));
	const requestId = crypto.randomUUID();
	headers.set('x-request-id', requestId);
	if (!api) {
		headers.set('content-type', 'text/plain; charset=utf-8');
		headers.set('cache-control', 'no-store');
		return `${refusal.title}. ${refusal.detail}\n`;
	}
	headers.set('content-type', 'application/problem+json');
	const problem: Problem = {
		type: PROBLEM_TYPE_BASE + refusal.code,
		title: refusal.title,
		status: refusal.status,
		detail: refusal.detail,
		requestId
	};
	return JSON.stringify(problem);
}
