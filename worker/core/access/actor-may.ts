import type { Actor } from '../context';
import { roleAllows, type Permission } from './permissions';

/**
 * Whether the caller holds `permission` beside the one its route was permitted with: a
 * route open to several roles shows each only what it may see (a scan lookup shows a
 * warehouse role the order, never the customer's name).
 */
export function actorMay(actor: Actor | null, permission: Permission): boolean {
	if (!actor) return false;
	return actor.kind === 'user'
		? roleAllows(actor.role, permission)
		: actor.permissions.includes(permission);
}
