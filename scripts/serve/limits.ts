// What the embedded server accepts, in one place. Each limit answers a request that
// would otherwise crash the process, fill its memory or hold a connection forever.

/** Request bodies: JSON commands are small; a larger body is refused before it is read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * CSV imports send the whole file in one request, because a file applies whole or not at
 * all (one batch): 50 MiB holds ~400,000 customers. Only the routes IMPORT_ROUTES lists.
 */
export const MAX_IMPORT_BODY_BYTES = 50 * 1024 * 1024;

/** The routes that take a whole CSV file (method and exact path). */
export const IMPORT_ROUTES = ['POST /api/customers/import'];

export const isImport = (method: string, path: string) =>
	IMPORT_ROUTES.includes(`${method} ${path}`);

/** Photo uploads (issue 11 evidence): the raw image, up to the API's own photo limit. */
const EVIDENCE_UPLOAD = /^\/api\/(returns\/[^/]+\/units\/[^/]+|claims\/[^/]+)\/evidence$/;
export const isEvidenceUpload = (method: string, path: string) =>
	method === 'POST' && EVIDENCE_UPLOAD.test(path);

/** The methods Ordo serves. TRACE would echo cookies back (cross-site tracing); CONNECT asks
 * for a tunnel. Both, and every other method, get a 405 with `Allow`. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Slowloris: a client that sends its headers a byte at a time holds a connection open.
 * Node drops a request whose headers are not complete within `headersTimeout`, or whose
 * body is not complete within `requestTimeout`, checking every `checkEveryMs`.
 * The environment may shorten them (the tests do, to see the cut without waiting a minute).
 */
export function timeouts(env: NodeJS.ProcessEnv = process.env) {
	const headersMs = positive(env.ORDO_HEADERS_TIMEOUT_MS) ?? 10_000;
	return {
		headersTimeout: headersMs,
		// A 1 MiB body over a slow phone link still arrives well inside a minute.
		requestTimeout: Math.max(headersMs, positive(env.ORDO_REQUEST_TIMEOUT_MS) ?? 60_000),
		checkEveryMs: Math.min(1_000, headersMs),
		keepAliveTimeout: 5_000
	};
}

function positive(value: string | undefined): number | undefined {
	const n = Number(value);
	return value && Number.isInteger(n) && n > 0 ? n : undefined;
}
