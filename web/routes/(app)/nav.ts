import type { Pathname } from '$app/types';

export type NavItem = { href: Pathname; label: string; permission: string; icon: string };

// SVG path data (24×24, stroked) so the bar needs no icon font or request.
const BOX = 'M3 7.5 12 3l9 4.5v9L12 21l-9-4.5zM3 7.5 12 12l9-4.5M12 12v9';
const LEDGER = 'M5 3h14v18H5zM9 8h6M9 12h6M9 16h3';

/**
 * The main areas, each shown only to roles that may use it. Customers, Orders,
 * Returns, Service and Reports join this list when their pages exist; the bar is
 * laid out for six.
 */
export const NAV_ITEMS: NavItem[] = [
	{ href: '/products', label: 'Products', permission: 'inventory.read', icon: BOX },
	{ href: '/admin/audit', label: 'Audit log', permission: 'audit.read', icon: LEDGER }
];
