import { sql } from 'drizzle-orm';
import type { BlobBucket, StoredBlob } from '../../../core/blob-store';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import type { ImageType } from '../../../lib/image-bytes';

/**
 * One photo's bytes, with the type Ordo checked when it was kept (never the bucket's word).
 * `cached`: the browser holds this photo already (its ETag matched): the row is still
 * checked (it is this return's), the bucket is not read, and `blob` is null.
 */
export async function openEvidence({
	ctx,
	bucket,
	returnId,
	evidenceId,
	cached = false
}: {
	ctx: Ctx;
	bucket: BlobBucket;
	returnId: string;
	evidenceId: string;
	cached?: boolean;
}): Promise<{ blob: StoredBlob | null; contentType: ImageType; bytes: number }> {
	const [row] = await ctx.db.all<{ key: string; contentType: ImageType; bytes: number }>(
		sql`SELECT storage_key AS key, content_type AS contentType, bytes FROM return_evidence
			WHERE id = ${evidenceId} AND return_id = ${returnId}`
	);
	if (!row)
		throw new NotFound(
			'photo-not-found',
			'No such photo',
			"It is not one of this return's photos."
		);
	if (cached) return { blob: null, contentType: row.contentType, bytes: row.bytes };
	const blob = await bucket.get(row.key);
	if (!blob)
		throw new NotFound(
			'photo-file-missing',
			"This photo's file is missing from storage",
			'The record is kept; the image itself could not be found. Take the photo again if the item is still here.'
		);
	return { blob, contentType: row.contentType, bytes: row.bytes };
}
