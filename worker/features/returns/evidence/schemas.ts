import * as v from 'valibot';
import { IMAGE_TYPES } from '../../../lib/image-bytes';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const ReturnParams = v.object({ id: Id });
export const UnitParams = v.object({ id: Id, unitId: Id });
export const ClaimParams = v.object({ id: Id });
export const EvidenceParams = v.object({ id: Id, evidenceId: Id });

/** One photo: what Ordo knows about it; `url` serves the image (returns.read). */
export const Evidence = v.object({
	id: v.string(),
	returnId: v.string(),
	/** The received unit it shows; null for a claim's photo. */
	unitId: v.nullable(v.string()),
	contentType: v.picklist(IMAGE_TYPES),
	bytes: v.number(),
	createdBy: v.nullable(v.string()),
	createdAt: v.string(),
	url: v.string()
});
export type Evidence = v.InferOutput<typeof Evidence>;

export const EvidenceList = v.object({ items: v.array(Evidence) });
export type EvidenceList = v.InferOutput<typeof EvidenceList>;
