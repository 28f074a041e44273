// The request handler of one server process: the body cap, then the built static files,
// then /api/* straight to the Hono API (worker/serve-api.ts, as web/hooks.server.ts hands
// it over in the Worker), and everything else to the built SvelteKit server. No CORS middleware: Ordo's pages and API share one origin, so no response
// carries Access-Control-Allow-Origin (vite preview sent `*` on every one).
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BINDING_NAMES } from '../../worker/core/context';
import { BODY_TOO_LARGE, refusalResponse } from './refusals';
import { diskBucket, evidenceDirectory } from './disk-bucket';
import { isEvidenceUpload, isImport, MAX_BODY_BYTES, MAX_IMPORT_BODY_BYTES } from './limits';
import { MAX_EVIDENCE_BYTES } from '../../worker/features/returns/evidence/limits';
import { indexStaticFiles, serveStatic } from './static-files';
import { loadSvelteKit, OUTPUT_DIR } from './sveltekit';

export async function createApp(outputDir = OUTPUT_DIR) {
	const kit = await loadSvelteKit(outputDir);
	const files = indexStaticFiles(outputDir, kit.appDir);
	const bindings = {
		...Object.fromEntries(BINDING_NAMES.map((name) => [name, process.env[name]])),
		// Photos on disk beside the database (worker/core/blob-store.ts): R2's interface.
		EVIDENCE: diskBucket(evidenceDirectory())
	};
	return new Hono<{ Bindings: HttpBindings }>()
		.use((c, next) => {
			// A CSV import sends the whole file (it applies whole or not at all); every other
			// body is a small JSON command.
			// A photo (returns evidence) is up to MAX_EVIDENCE_BYTES after the browser compressed it.
			const maxSize = isImport(c.req.method, c.req.path)
				? MAX_IMPORT_BODY_BYTES
				: isEvidenceUpload(c.req.method, c.req.path)
					? MAX_EVIDENCE_BYTES
					: MAX_BODY_BYTES;
			return bodyLimit({
				maxSize,
				onError: (c) => refusalResponse(BODY_TOO_LARGE(maxSize), c.req.path)
			})(c, next);
		})
		.all('*', (c) => {
			const file = serveStatic(files, c.req.raw, c.req.path);
			if (file) return file;
			const socket = c.env.incoming.socket;
			if (kit.api.isApiPath(c.req.path)) {
				return kit.api.serveApi(c.req.raw, {
					env: bindings,
					clientAddress: socket.remoteAddress ?? null
				});
			}
			return kit.respond(c.req.raw, () => {
				if (socket.remoteAddress) return socket.remoteAddress;
				throw new Error('the client address is unknown');
			});
		});
}
