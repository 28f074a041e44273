import { sql } from 'drizzle-orm';
import { returnEvidence } from '../../../../db/schema/returns';
import type { BlobBucket } from '../../../core/blob-store';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, NotFound } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import type { ImageType } from '../../../lib/image-bytes';
import { auditEntry } from '../../audit/record';
import { evidenceById, returnNotFound } from './internal';
import { MAX_PHOTOS_PER_SUBJECT } from './limits';
import type { Evidence } from './schemas';

/** What a photo shows: a received unit of a return, or a claim (its damage, its parcel). */
export type Subject =
	{ kind: 'unit'; returnId: string; unitId: string } | { kind: 'claim'; claimId: string };

type Snapshot = {
	returnId: string;
	number: string;
	kind: string;
	unitFound: number;
	photos: number;
};

/**
 * Keeps one photo (already checked and stripped: accept-photo.ts). Decide, then write: one
 * read finds the subject and how many photos it has; the bytes go to the bucket under a
 * random key; then ONE batch writes the row and the audit entry (and the Idempotency-Key's
 * answer, so a retried upload is this same photo, replayed). If the batch fails, the bytes
 * are deleted again: no orphan blobs from refused requests.
 */
export async function addEvidence({
	ctx,
	bucket,
	subject,
	photo
}: {
	ctx: Ctx;
	bucket: BlobBucket;
	subject: Subject;
	photo: { bytes: Uint8Array; type: ImageType };
}): Promise<Evidence> {
	const snap = await readSubject(ctx, subject);
	const id = crypto.randomUUID();
	const key = `evidence/${crypto.randomUUID()}`;
	await bucket.put(key, photo.bytes, { httpMetadata: { contentType: photo.type } });
	const unitId = subject.kind === 'unit' ? subject.unitId : null;
	try {
		return await mutate<Evidence>(ctx, {
			status: 201,
			writes: [
				ctx.db.insert(returnEvidence).values({
					id,
					returnId: snap.returnId,
					unitId,
					storageKey: key,
					contentType: photo.type,
					bytes: photo.bytes.length,
					createdById: actorId(ctx),
					createdAt: ctx.now
				}),
				auditEntry(ctx, {
					action: 'returns.evidence_add',
					target: { type: 'return', id: snap.returnId },
					details: { evidenceId: id, unitId, contentType: photo.type, bytes: photo.bytes.length }
				})
			],
			result: evidenceById(id)
		});
	} catch (error) {
		await bucket.delete(key).catch(() => undefined);
		throw error;
	}
}

async function readSubject(ctx: Ctx, subject: Subject): Promise<Snapshot> {
	const returnId = subject.kind === 'unit' ? subject.returnId : subject.claimId;
	const unitId = subject.kind === 'unit' ? subject.unitId : null;
	// Photos of one subject: the return's rows (index return_evidence_return), then its unit.
	const [snap] = await ctx.db.all<Snapshot>(sql`SELECT r.id AS returnId, r.number, r.kind,
		(SELECT count(*) FROM return_units WHERE id = ${unitId} AND return_id = r.id) AS unitFound,
		(SELECT count(*) FROM return_evidence e WHERE e.return_id = r.id AND e.unit_id IS ${unitId}) AS photos
		FROM returns r WHERE r.id = ${returnId}`);
	if (subject.kind === 'claim' && snap?.kind !== 'claim')
		throw new NotFound('claim-not-found', 'No such claim', `There is no claim ${returnId}.`);
	if (!snap) throw returnNotFound(returnId);
	if (subject.kind === 'unit' && !snap.unitFound)
		throw new NotFound(
			'return-unit-not-found',
			`No such item on ${snap.number}`,
			'Reload the return: the item may have been received on another return.'
		);
	if (snap.photos >= MAX_PHOTOS_PER_SUBJECT)
		throw new Conflict(
			'too-many-photos',
			`Already ${MAX_PHOTOS_PER_SUBJECT} photos of this ${subject.kind === 'unit' ? 'item' : 'claim'}`,
			'That is the most Ordo keeps for one item or claim. The ones already taken are kept.'
		);
	return snap;
}
