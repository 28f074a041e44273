import type { Grantable } from './types';

// The API refuses keys that manage staff or other keys (worker/features/integrations/
// schemas.ts: a leaked key must not mint accounts or keys), so they are not offered.
const PEOPLE_ONLY = new Set(['users.manage', 'integrations.manage']);

/**
 * The permissions a new key may hold: named in the permission map, held by the person
 * creating it (the API never lets a key do more than its creator), and not people-only.
 */
export function grantable(map: Record<string, string>, held: readonly string[]): Grantable[] {
	return Object.entries(map)
		.filter(([name]) => held.includes(name) && !PEOPLE_ONLY.has(name))
		.map(([name, description]) => ({ name, description }));
}
