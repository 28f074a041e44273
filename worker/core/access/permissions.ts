import type { Role } from '../../../db/schema/auth';

// Named permissions mapped to roles in one place (PCI DSS 7.2.1, least privilege).
// Admins can read this map at GET /api/auth/permissions.
export const PERMISSIONS = {
	'inventory.read': 'See products, stock per location and the stock ledger',
	'inventory.adjust': 'Adjust and count stock',
	'customers.read': 'Find and view customers',
	'customers.write': 'Create and edit customers',
	'customers.merge': 'Merge duplicate customers and undo merges',
	'orders.read': 'View orders',
	'orders.write': 'Create, change, hold and cancel orders',
	'payments.refund': 'Refund payments, and record refunds done by hand',
	'fulfilment.work': 'Pick, pack and ship orders from a location',
	'returns.read': 'View returns',
	'returns.authorize': 'Authorise returns under the policy',
	'returns.receive': 'Receive, grade and restock returned items',
	'returns.override': 'Override the returns policy with a reason',
	'service.read': 'View cases and customer timelines',
	'service.write': 'Open, work and close cases',
	'reports.read': 'See reports',
	'users.manage': 'Create, change and disable staff accounts',
	'audit.read': 'View and export the audit log',
	'integrations.manage': 'Manage API keys and webhooks',
	'settings.manage': 'Change policies and settings',
	'customers.import': 'Import customers from a CSV file',
	'customers.export': "Export one customer's data on their request",
	'customers.erase': "Erase one customer's personal data on their request",
	'orders.import': 'Import order history from a file',
	'purchasing.manage':
		'Set reorder points, manage suppliers, draft, approve and send purchase orders',
	'purchasing.receive': 'See purchase orders and receive their deliveries'
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

const SUPPORT: Permission[] = [
	'inventory.read',
	'customers.read',
	'customers.write',
	// Reps review the duplicates queue and merge (issue 9); every merge is audited and undoable.
	'customers.merge',
	'orders.read',
	'orders.write',
	'payments.refund',
	'returns.read',
	'returns.authorize',
	'service.read',
	'service.write'
];

const WAREHOUSE: Permission[] = [
	'inventory.read',
	'inventory.adjust',
	'orders.read',
	'fulfilment.work',
	'returns.read',
	'returns.receive',
	'purchasing.receive'
];

const MANAGER: Permission[] = [
	...new Set<Permission>([
		...SUPPORT,
		...WAREHOUSE,
		'customers.merge',
		'payments.refund',
		'returns.override',
		'reports.read',
		'settings.manage',
		// Data requests and bulk import: a person's whole record at once (GDPR art. 15/17).
		'customers.import',
		'customers.export',
		'customers.erase',
		'orders.import',
		'purchasing.manage'
	])
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
	admin: ALL_PERMISSIONS,
	manager: MANAGER,
	support: SUPPORT,
	warehouse: WAREHOUSE
};

export function roleAllows(role: Role, permission: Permission): boolean {
	return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * What an API key may do now: its scopes, but only those its creator's CURRENT role
 * still holds (PCI DSS 7.2.5: a system account never keeps rights its owner lost).
 * A demoted creator's keys shrink with them; a disabled creator's stop (authenticate).
 */
export function keyPermissions(scopes: readonly string[], creatorRole: Role): Permission[] {
	const held = ROLE_PERMISSIONS[creatorRole];
	return held.filter((permission) => scopes.includes(permission));
}
