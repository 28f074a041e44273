/**
 * Where open-box stock goes: the location with this code, made by the first inspection
 * that needs it (in that inspection's batch) rather than by a migration or the seed, so a
 * shop that never sells open box never sees it.
 */
export const OPEN_BOX = 'OPEN-BOX';
