import { describe, expect, it } from 'vitest';
import { sequentialIds } from './sequential-ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sequentialIds', () => {
	it('makes valid UUIDv7 values that sort in the order they were made', () => {
		const next = sequentialIds(Date.UTC(2010, 11, 24), 1);
		const ids = Array.from({ length: 70_000 }, next);
		expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		expect([...ids].sort()).toEqual(ids);
	});

	it('gives the same ids for the same time and stream, different ones for another stream', () => {
		const a = sequentialIds(0, 1);
		const b = sequentialIds(0, 1);
		const c = sequentialIds(0, 2);
		expect([a(), a()]).toEqual([b(), b()]);
		expect(c()).not.toBe(sequentialIds(0, 1)());
	});
});
