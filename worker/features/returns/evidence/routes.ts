import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { evidenceBucket } from '../../../core/blob-store';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { doc } from '../../../core/doc';
import { PayloadTooLarge } from '../../../core/errors';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { IMAGE_TYPES } from '../../../lib/image-bytes';
import { acceptPhoto } from './accept-photo';
import { addEvidence, type Subject } from './add-evidence';
import { MAX_EVIDENCE_BYTES } from './limits';
import { listEvidence } from './list-evidence';
import { openEvidence } from './open-evidence';
import {
	ClaimParams,
	Evidence,
	EvidenceList,
	EvidenceParams,
	ReturnParams,
	UnitParams
} from './schemas';

const tags = ['returns'];

// Before permit(): an Idempotency-Key makes permit read the body to hash it, and nothing
// may read a body past the limit (Content-Length first, else counted as it streams).
const photoLimit = bodyLimit({
	maxSize: MAX_EVIDENCE_BYTES,
	onError: () => {
		throw new PayloadTooLarge(
			'photo-too-large',
			`The photo is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`,
			'Ordo shrinks photos before sending them; choose a smaller image, or take the photo again in the app.'
		);
	}
});

const uploadDoc = (summary: string) =>
	doc({ summary, tags, status: 201, response: Evidence, consumes: [...IMAGE_TYPES] });

async function upload(c: Context<AppEnv>, subject: Subject) {
	const ctx = getCtx(c);
	const photo = acceptPhoto(
		new Uint8Array(await c.req.arrayBuffer()),
		c.req.header('content-type')
	);
	const bucket = evidenceBucket(c.env);
	return c.json(await addEvidence({ ctx, bucket, subject, photo }), 201);
}

/**
 * Evidence photos (issue 11): of a received unit at inspection, and of a claim. The body is
 * the image itself (not JSON), at most MAX_EVIDENCE_BYTES; the bytes live in the EVIDENCE
 * bucket (core/blob-store.ts), the row in return_evidence. Mounted at /api.
 */
export const evidenceRoutes = new Hono<AppEnv>()
	.post(
		'/returns/:id/units/:unitId/evidence',
		photoLimit,
		permit('returns.receive'),
		uploadDoc('Add a photo of a received item (body: the JPEG, PNG or WebP image, at most 2 MB)'),
		input('param', UnitParams),
		async (c) => {
			const { id, unitId } = c.req.valid('param');
			return upload(c, { kind: 'unit', returnId: id, unitId });
		}
	)
	.post(
		'/claims/:id/evidence',
		photoLimit,
		permit('returns.authorize'),
		uploadDoc('Add a photo to a claim (body: the JPEG, PNG or WebP image, at most 2 MB)'),
		input('param', ClaimParams),
		async (c) => upload(c, { kind: 'claim', claimId: c.req.valid('param').id })
	)
	.get(
		'/returns/:id/evidence',
		permit('returns.read'),
		doc({ summary: "A return's or claim's photos, oldest first", tags, response: EvidenceList }),
		input('param', ReturnParams),
		async (c) => c.json(await listEvidence({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.get(
		'/returns/:id/evidence/:evidenceId',
		permit('returns.read'),
		doc({ summary: 'One photo, as the image', tags, produces: 'image/*' }),
		input('param', EvidenceParams),
		async (c) => {
			const { id, evidenceId } = c.req.valid('param');
			const bucket = evidenceBucket(c.env);
			// A photo never changes under its id, so the id is its ETag.
			const etag = `"${evidenceId}"`;
			const { blob, contentType, bytes } = await openEvidence({
				ctx: getCtx(c),
				bucket,
				returnId: id,
				evidenceId,
				cached: c.req.header('if-none-match') === etag
			});
			// This browser only (never a shared cache), and asked again each time it is shown
			// (no-cache): access is checked on every view, and a copy it holds is a 304 with no
			// body. A photo may show a parcel's address label (SECURITY.md, V3.4).
			const headers = { etag, 'cache-control': 'private, no-cache' };
			if (!blob) return c.body(null, 304, headers);
			return c.body(blob.body, 200, {
				...headers,
				// The type Ordo checked on the way in; nosniff comes with every API answer.
				'content-type': contentType,
				'content-length': String(bytes),
				'content-disposition': 'inline'
			});
		}
	);
