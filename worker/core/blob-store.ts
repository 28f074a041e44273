import { Unavailable } from './errors';

/**
 * Where photos (returns evidence) live: ONE interface, the part of Cloudflare R2's bucket
 * binding Ordo uses, so on Workers the R2 binding IS the store with no adapter:
 *
 * - Workers (`wrangler deploy`): the `EVIDENCE` R2 bucket (wrangler.toml `[[r2_buckets]]`).
 *   `wrangler dev` and the workerd tests simulate it locally, persisted on disk.
 * - The embedded default (`npm start`, the production Node server): a directory on disk,
 *   scripts/serve/disk-bucket.ts, handed in as the same binding. node:fs stays out of
 *   worker/ (DESIGN §2).
 * - The Node API tests: the same disk bucket in a temporary directory.
 *
 * Keys are random (never a customer's name); the database row says what a key is.
 */
export interface BlobBucket {
	put(
		key: string,
		value: ArrayBuffer | Uint8Array,
		options?: { httpMetadata?: { contentType?: string } }
	): Promise<unknown>;
	get(key: string): Promise<StoredBlob | null>;
	delete(key: string): Promise<void>;
}

/** What `get` gives back: R2ObjectBody's shape, trimmed to what Ordo reads. */
export interface StoredBlob {
	readonly body: ReadableStream<Uint8Array>;
	readonly size: number;
	readonly httpMetadata?: { contentType?: string };
}

/** The evidence bucket of this deployment, or a 503 a person can act on. */
export function evidenceBucket(env: { EVIDENCE?: BlobBucket } | undefined): BlobBucket {
	const bucket = env?.EVIDENCE;
	if (!bucket)
		throw new Unavailable(
			'photo-storage-not-set-up',
			'Photo storage is not set up',
			'Nothing was saved. An administrator binds an R2 bucket as EVIDENCE (wrangler.toml); `npm start` keeps photos in .data/evidence.'
		);
	return bucket;
}
