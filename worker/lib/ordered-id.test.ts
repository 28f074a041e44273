import { describe, expect, it } from 'vitest';
import { orderedIds } from './ordered-id';

describe('orderedIds', () => {
	it('makes valid, unique UUIDv7s that sort in the order they were made', () => {
		const ids = orderedIds(Date.UTC(2026, 10, 29), 20_000);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual(ids);
		for (const id of ids.slice(0, 50))
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(
			Date.UTC(2026, 10, 29).toString(16).padStart(12, '0')
		);
	});
});
