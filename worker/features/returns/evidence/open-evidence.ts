import { sql } from 'drizzle-orm';
import type { BlobBucket, StoredBlob } from '../../../core/blob-store';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import type { ImageType } from '../../../lib/image-bytes';

/** One photo's bytes, with the type Ordo checked when it was kept (never the bucket's word). */
export async function openEvidence({
	ctx,
	bucket,
	returnId,
	evidenceId
}: {
	ctx: Ctx;
	bucket: BlobBucket;
	returnId: string;
	evidenceId: string;
}): Promise<{ blob: StoredBlob; contentType: ImageType; bytes: number }> {
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
	const blob = await bucket.get(row.key);
	if (!blob)
		throw new NotFound(
			'photo-file-missing',
			"This photo's file is missing from storage",
			'The record is kept; the image itself could not be found. Take the photo again if the item is still here.'
		);
	return { blob, contentType: row.contentType, bytes: row.bytes };
}
