// The BUILT SvelteKit server (`vite build` → .svelte-kit/output/server), constructed
// the way `vite preview` and adapter-node do it: the Server class with the build's
// manifest, initialised with the process environment so $env/dynamic/private (and
// through it LIBSQL_URL and ORDO_DATA_KEY, see web/hooks.server.ts) works.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createReadableStream } from '@sveltejs/kit/node';
import type { Server, SSRManifest } from '@sveltejs/kit';

export const OUTPUT_DIR = '.svelte-kit/output';

export type SvelteKitApp = {
	respond(request: Request, clientAddress: () => string): Promise<Response>;
	appDir: string;
	/** worker/serve-api.ts from the same build: the API without SvelteKit's request handling. */
	api: typeof import('../../worker/serve-api');
};

export async function loadSvelteKit(outputDir = OUTPUT_DIR): Promise<SvelteKitApp> {
	const dir = resolve(outputDir, 'server');
	if (!existsSync(join(dir, 'index.js'))) {
		throw new Error(`${dir}/index.js is missing: run \`npm run build\` first`);
	}
	const { Server: ServerClass } = (await import(pathToFileURL(join(dir, 'index.js')).href)) as {
		Server: new (manifest: SSRManifest) => Server;
	};
	const { manifest } = (await import(pathToFileURL(join(dir, 'manifest.js')).href)) as {
		manifest: SSRManifest;
	};
	const api = (await import(
		pathToFileURL(join(dir, 'ordo-api.js')).href
	)) as typeof import('../../worker/serve-api');
	const server = new ServerClass(manifest);
	await server.init({
		env: process.env as Record<string, string>,
		read: (file) => createReadableStream(join(dir, file))
	});
	return {
		api,
		appDir: manifest.appDir,
		respond: (request, clientAddress) =>
			server.respond(request, { getClientAddress: clientAddress })
	};
}
