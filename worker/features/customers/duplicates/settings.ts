/**
 * The score at or above which a pair is proposed as a likely duplicate. Measured on the
 * labelled set (`npm run bench`): precision 1.00 and recall 0.96 at 0.8. A shop changes it
 * with the `customers.duplicateMinScore` setting.
 */
export const DEFAULT_MIN_SCORE = 0.8;
