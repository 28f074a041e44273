// One server process: Node's HTTP server with the limits of limits.ts in front of the
// Hono app. Everything a client can send gets an HTTP answer and never ends the process:
// methods outside the list (TRACE, CONNECT, PROPFIND, or a token Node's parser does not
// know) get a 405, a request Node cannot parse a 400, a half-sent one a 408 when its
// time is up, a body over the cap a 413.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app';
import { ALLOWED_METHODS, timeouts } from './limits';
import {
	BAD_REQUEST,
	METHOD_NOT_ALLOWED,
	refusalResponse,
	writeRawRefusal,
	writeRefusal,
	type Refusal
} from './refusals';

const ALLOWED = new Set(ALLOWED_METHODS);

// Node's parser reports what it refused; each gets the answer that says why.
const PARSER_REFUSALS: Record<string, Refusal> = {
	HPE_INVALID_METHOD: METHOD_NOT_ALLOWED,
	HPE_HEADER_OVERFLOW: {
		status: 431,
		code: 'headers-too-large',
		title: 'The request headers are too large',
		detail: 'Send fewer or shorter headers (cookies included).'
	},
	ERR_HTTP_REQUEST_TIMEOUT: {
		status: 408,
		code: 'request-timeout',
		title: 'The request took too long to arrive',
		detail: 'Send the whole request at once.'
	}
};

/** The request target of what the parser refused, to answer /api in problem+json. */
function pathOf(packet: Buffer | undefined): string {
	const requestLine = packet?.subarray(0, 2048).toString('latin1').split('\r\n', 1)[0] ?? '';
	return requestLine.split(' ')[1] ?? '/';
}

export async function createHttpServer(): Promise<Server> {
	const app = await createApp();
	const limits = timeouts();
	const listener = getRequestListener(app.fetch, {
		// A request @hono/node-server cannot turn into a Request (bad Host, a backslash path).
		errorHandler: () => refusalResponse(BAD_REQUEST, '/')
	});
	const server = createServer(
		{
			headersTimeout: limits.headersTimeout,
			requestTimeout: limits.requestTimeout,
			connectionsCheckingInterval: limits.checkEveryMs,
			keepAliveTimeout: limits.keepAliveTimeout
		},
		(req: IncomingMessage, res) => {
			if (!ALLOWED.has(req.method ?? '')) return writeRefusal(res, req, METHOD_NOT_ALLOWED);
			void listener(req, res);
		}
	);
	server.on('connect', (req: IncomingMessage, socket: Socket) =>
		writeRawRefusal(socket, METHOD_NOT_ALLOWED, req.url)
	);
	server.on(
		'clientError',
		(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
			if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
			writeRawRefusal(
				socket,
				PARSER_REFUSALS[error.code ?? ''] ?? BAD_REQUEST,
				pathOf(error.rawPacket)
			);
		}
	);
	return server;
}
