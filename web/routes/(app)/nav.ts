import type { Pathname } from '$app/types';
import type { Permission } from '$lib/auth/permission';

export type NavItem = {
	href: Pathname;
	label: string;
	permission: Permission;
	icon: string;
	/** A count shown on the item (low-stock-count.svelte.ts). */
	badge?: 'low-stock';
};

// SVG path data (24×24, stroked) so the bar needs no icon font or request.
const BOX = 'M3 7.5 12 3l9 4.5v9L12 21l-9-4.5zM3 7.5 12 12l9-4.5M12 12v9';
const LEDGER = 'M5 3h14v18H5zM9 8h6M9 12h6M9 16h3';
const PEOPLE =
	'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7M18 14.5a6 6 0 0 1 4 5.5v1';
const TOTE = 'M4 8h16l-1.5 12h-13zM8 8V5a4 4 0 0 1 8 0v3M9 13l2 2 4-4';
const RECEIPT = 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6';
// One person (Customers), beside PEOPLE (staff).
const PERSON = 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM4 21v-1a8 8 0 0 1 16 0v1';
// A van: stock moving between locations.
const TRUCK =
	'M3 6h11v10H3zM14 10h4l3 3v3h-7M7 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM17 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4z';
// Reordering (issue 8): a falling bar chart (low stock) and a box with an arrow in (receive).
const LOW = 'M4 20h16M6 17V7M10 17v-6M14 17v-3M18 17v-1M15 4l4 4M19 4v4h-4';
const INBOX = 'M3 13h5l1 3h6l1-3h5M3 13l3-9h12l3 9v7H3zM12 4v7M9 8l3 3 3-3';
// A clipboard with ticks (Counts).
// Bars of a chart (Reports).
const CHART = 'M4 20h16M7 16v-5M12 16V6M17 16v-8';
const CLIPBOARD = 'M8 4h8v3H8zM6 5H5v16h14V5h-1M8 12l2 2 4-4M8 17h8';
// A hook (outbound webhooks), beside KEY (API keys).
const HOOK = 'M12 3v9a4 4 0 1 1-4 4M12 3l-3 3M12 3l3 3';
// A barcode between corner marks.
const SCAN = 'M3 7V4h3M21 7V4h-3M3 17v3h3M21 17v3h-3M7 8v8M10 8v8M13 8v8M16 8v8';
// A parcel with an arrow going back (returns, issue 11).
const RETURN = 'M4 8l8-4 8 4v8l-8 4-8-4zM4 8l8 4 8-4M12 12v8M9 15H6l1.5-1.5';
const KEY = 'M8 20a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM11.5 11.5 21 2M17 6l3 3M14.5 8.5 17 11';

/**
 * The main areas, each shown only to roles that may use it, in the order a person reaches
 * for them: the phone's tab bar shows the first four a person may open and puts the rest
 * under "More" (NavBar.svelte), so the warehouse's daily work (products, scan, pick,
 * count) comes first and the admin areas last.
 */
export const NAV_ITEMS: NavItem[] = [
	{ href: '/products', label: 'Products', permission: 'inventory.read', icon: BOX },
	{ href: '/scan', label: 'Scan', permission: 'inventory.read', icon: SCAN },
	{ href: '/pick', label: 'Pick', permission: 'fulfilment.work', icon: TOTE },
	{ href: '/counts', label: 'Counts', permission: 'inventory.adjust', icon: CLIPBOARD },
	{ href: '/orders', label: 'Orders', permission: 'orders.read', icon: RECEIPT },
	{ href: '/customers', label: 'Customers', permission: 'customers.read', icon: PERSON },
	{ href: '/receive', label: 'Receive', permission: 'purchasing.receive', icon: INBOX },
	{ href: '/transfers', label: 'Transfers', permission: 'inventory.read', icon: TRUCK },
	{
		href: '/low-stock',
		label: 'Low stock',
		permission: 'purchasing.manage',
		icon: LOW,
		badge: 'low-stock'
	},
	{ href: '/reports/inventory', label: 'Reports', permission: 'reports.read', icon: CHART },
	{ href: '/admin/users', label: 'Users', permission: 'users.manage', icon: PEOPLE },
	{ href: '/admin/api-keys', label: 'API keys', permission: 'integrations.manage', icon: KEY },
	{ href: '/admin/webhooks', label: 'Webhooks', permission: 'integrations.manage', icon: HOOK },
	{ href: '/admin/audit', label: 'Audit log', permission: 'audit.read', icon: LEDGER },
	{ href: '/returns', label: 'Returns', permission: 'returns.read', icon: RETURN },
	{ href: '/returns/receive', label: 'Receive returns', permission: 'returns.receive', icon: INBOX }
];

/** The areas this person may open, from the permissions last confirmed (also offline). */
export function navItems(can: (permission: Permission) => boolean): NavItem[] {
	return NAV_ITEMS.filter((item) => can(item.permission));
}
