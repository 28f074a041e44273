// The embedded default's photo store (worker/core/blob-store.ts): the R2 bucket interface
// over a directory, so the Node server hands the API the same EVIDENCE binding that Workers
// get from R2. Each blob is two files: the bytes, and a small JSON sidecar with its content
// type. Writes go to a temporary name and are renamed into place, so a reader (another
// server process, they share the directory) never sees half a photo. Keys are random
// (`evidence/<uuid>`), and a key that would leave the directory is refused.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { BlobBucket, StoredBlob } from '../../worker/core/blob-store';

export function diskBucket(root: string): BlobBucket {
	const base = resolve(root);
	const pathOf = (key: string) => {
		const path = resolve(base, key);
		if (!path.startsWith(base + sep) || !/^[\w./-]{1,200}$/.test(key) || key.includes('..'))
			throw new Error(`blob key "${key}" is not a plain relative key`);
		return path;
	};
	return {
		async put(key, value, options) {
			const path = pathOf(key);
			await mkdir(dirname(path), { recursive: true });
			const temp = `${path}.${crypto.randomUUID()}.tmp`;
			const meta = { contentType: options?.httpMetadata?.contentType ?? null };
			await writeFile(`${temp}.json`, JSON.stringify(meta));
			await writeFile(temp, value instanceof Uint8Array ? value : new Uint8Array(value));
			await rename(`${temp}.json`, `${path}.json`);
			await rename(temp, path);
		},
		async get(key): Promise<StoredBlob | null> {
			const path = pathOf(key);
			const info = await stat(path).catch(() => null);
			if (!info?.isFile()) return null;
			const meta = JSON.parse(await readFile(`${path}.json`, 'utf8').catch(() => '{}')) as {
				contentType?: string | null;
			};
			return {
				size: info.size,
				httpMetadata: meta.contentType ? { contentType: meta.contentType } : {},
				body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>
			};
		},
		async delete(key) {
			const path = pathOf(key);
			await rm(path, { force: true });
			await rm(`${path}.json`, { force: true });
		}
	};
}

/** Where `npm start` keeps photos: beside the database file (`.data/evidence`). */
export function evidenceDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env.ORDO_EVIDENCE_DIR) return env.ORDO_EVIDENCE_DIR;
	const url = env.LIBSQL_URL ?? '';
	return url.startsWith('file:')
		? join(dirname(url.slice('file:'.length)), 'evidence')
		: '.data/evidence';
}
