// HTTP the way a hostile client writes it: bytes on a socket, no client library to
// refuse a TRACE, fix a method name or finish a request it was told to leave half sent.
import { connect, type Socket } from 'node:net';

export type RawAnswer = { status: number; head: string; body: string; closed: boolean };

function parse(text: string, closed: boolean): RawAnswer {
	const end = text.indexOf('\r\n\r\n');
	const head = end === -1 ? text : text.slice(0, end);
	const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
	return { status, head: head.toLowerCase(), body: end === -1 ? '' : text.slice(end + 4), closed };
}

/** Opens a socket to 127.0.0.1:port; errors after the answer (a reset) are ignored. */
export function openSocket(port: number): Promise<Socket> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1', () => resolve(socket));
		socket.once('error', reject);
	});
}

/** Collects what the server sends until it closes the connection. */
export function readUntilClosed(socket: Socket): Promise<RawAnswer> {
	return new Promise((resolve) => {
		let text = '';
		socket.on('data', (chunk) => (text += chunk.toString('latin1')));
		socket.on('error', () => {});
		socket.once('close', () => resolve(parse(text, true)));
	});
}

/** Sends `request` as it is and returns the answer once the server closes the socket. */
export async function rawRequest(port: number, request: string): Promise<RawAnswer> {
	const socket = await openSocket(port);
	const answer = readUntilClosed(socket);
	socket.write(request);
	return answer;
}
