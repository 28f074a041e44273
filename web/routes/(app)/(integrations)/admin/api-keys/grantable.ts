import type { Permission } from '$lib/auth/permission';
import type { Grantable } from './types';

// The API refuses keys that manage staff or other keys (worker/features/integrations/
// schemas.ts: a leaked key must not mint accounts or keys), so they are not offered.
const PEOPLE_ONLY = new Set<Permission>(['users.manage', 'integrations.manage']);

/**
 * The permissions a new key may hold: named in the permission map, held by the person
 * creating it (the API never lets a key do more than its creator), and not people-only.
 */
export function grantable(map: Record<string, string>, held: readonly Permission[]): Grantable[] {
	return (Object.entries(map) as [Permission, string][])
		.filter(([name]) => held.includes(name) && !PEOPLE_ONLY.has(name))
		.map(([name, description]) => ({ name, description }));
}
