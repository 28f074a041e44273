// What one photo and one subject may hold (issue 11 evidence). The browser makes a phone
// photo ~300 KB (longest side 1600 px, quality 0.8); 2 MiB leaves room for a PNG screenshot
// and refuses an uncompressed camera original. The Node server (scripts/serve/limits.ts)
// lets these uploads past its 1 MiB body cap up to the same figure.
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;

/** Photos per received unit, or per claim: enough to show damage, not a photo library. */
export const MAX_PHOTOS_PER_SUBJECT = 20;
