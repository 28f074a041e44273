import { describe, expect, it } from 'vitest';
import { grantable } from './grantable';

const MAP = {
	'inventory.read': 'See products',
	'inventory.adjust': 'Adjust stock',
	'users.manage': 'Manage staff',
	'integrations.manage': 'Manage keys'
};

describe('grantable', () => {
	it('offers only what the creator holds, in the map order', () => {
		expect(grantable(MAP, ['inventory.adjust', 'inventory.read']).map((p) => p.name)).toEqual([
			'inventory.read',
			'inventory.adjust'
		]);
	});

	it('never offers the people-only permissions, even to an admin', () => {
		const names = grantable(MAP, Object.keys(MAP) as (keyof typeof MAP)[]).map((p) => p.name);
		expect(names).not.toContain('users.manage');
		expect(names).not.toContain('integrations.manage');
	});
});
