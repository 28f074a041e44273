// The built files the server hands out as they are: the client build (/_app/*, the
// service worker, the manifest, icons: .svelte-kit/output/client) and the prerendered
// pages (the offline shells: .svelte-kit/output/prerendered/pages). The same set the
// Worker's ASSETS binding serves on Cloudflare, with the same headers: the security
// headers of worker/core/security-headers.ts (which also generate Cloudflare's
// `_headers`) and SvelteKit's caching rules (content-hashed /_app/immutable/* forever,
// everything else revalidated).
//
// Indexed once at start and kept in memory: the build is fixed for the life of the
// process, a lookup is one Map get (no fs call, no path joined from the URL, so no
// traversal), and the whole client is about a megabyte.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { applySecurityHeaders } from '../../worker/core/security-headers';

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'no-cache';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.webp': 'image/webp',
	'.woff2': 'font/woff2',
	'.txt': 'text/plain; charset=utf-8',
	'.wasm': 'application/wasm',
	'.map': 'application/json'
};

type StaticFile = { body: Uint8Array<ArrayBuffer>; headers: Headers; etag: string };

function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

function toUrlPath(root: string, file: string): string {
	return '/' + relative(root, file).split(sep).join('/');
}

function entry(file: string, path: string, appDir: string): StaticFile {
	const body = new Uint8Array(readFileSync(file));
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
	const headers = new Headers({
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		etag
	});
	applySecurityHeaders(headers, { api: false });
	const immutable = path.startsWith(`/${appDir}/immutable/`);
	headers.set('cache-control', immutable ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
	// As adapter-cloudflare's generated `_headers`: build files are not pages to index.
	if (path.startsWith(`/${appDir}/`)) headers.set('x-robots-tag', 'noindex');
	return { body, headers, etag };
}

/** Every servable file under `outputDir` (.svelte-kit/output), by URL path. */
export function indexStaticFiles(outputDir: string, appDir = '_app'): Map<string, StaticFile> {
	const files = new Map<string, StaticFile>();
	const client = join(outputDir, 'client');
	for (const file of filesUnder(client)) {
		const path = toUrlPath(client, file);
		files.set(path, entry(file, path, appDir));
	}
	// Prerendered pages answer at their route: shell.html at /shell, index.html at /.
	const pages = join(outputDir, 'prerendered', 'pages');
	for (const file of filesUnder(pages)) {
		if (extname(file) !== '.html') continue;
		const path = toUrlPath(pages, file)
			.slice(0, -'.html'.length)
			.replace(/\/index$/, '/');
		files.set(path === '' ? '/' : path, entry(file, path, appDir));
	}
	return files;
}

/** The file's response, a 304 when the client has it, or null when no file has this path. */
export function serveStatic(
	files: Map<string, StaticFile>,
	request: Request,
	pathname: string
): Response | null {
	if (request.method !== 'GET' && request.method !== 'HEAD') return null;
	const file = files.get(pathname);
	if (!file) return null;
	const headers = new Headers(file.headers);
	if (request.headers.get('if-none-match') === file.etag) {
		return new Response(null, { status: 304, headers });
	}
	headers.set('content-length', String(file.body.byteLength));
	return new Response(request.method === 'HEAD' ? null : file.body, { status: 200, headers });
}
