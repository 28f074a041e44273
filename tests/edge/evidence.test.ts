// Evidence photos inside workerd, stored in R2 as Workers run it (Miniflare's R2 simulation,
// the same binding wrangler.toml declares): the upload is checked by its bytes, kept without
// its EXIF under a random key, served back with its stored type, and a retry is one photo.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../support/test-api';
import { contains, GPS_MARK, withExif } from '../support/exif';
import { createReceivingFixtures } from '../support/receiving-factory';
import { shopApi, type EdgeApi } from './edge-api';

// tests/fixtures/evidence/dent.jpg (a 64×48 JPEG from Chromium's encoder), inline: workerd has no fs.
const DENT_JPG =
	'/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAwAEADASIAAhEBAxEB/8QAGAABAAMBAAAAAAAAAAAAAAAAAAUGBwH/xAArEAABAQUCDwAAAAAAAAAAAAAABgECERIUAzIEBQgTFRcjMUZRVYSkw9L/xAAYAQADAQEAAAAAAAAAAAAAAAAEBQYDB//EABwRAAIDAQEBAQAAAAAAAAAAAAEDAAIRMQTwcf/aAAwDAQACEQMRAD8AqwAF66TozmQCaTaWxwpajQuB1NPLndq45LNGF5rI3W7uRN6rlj0jybH7D10Aid/qpU4bDf2UoF11XLHo/k2P2QqkS+OE1T6awOmqJs1tXH5pYRutbC8zfzD1CpObFjPRW3DIQ6AMV0i1zJwAE4ukrnMm05OHEPb+02kxbJw4h7f2m0mthhySfuOvsfuQYvlHcPdx6jaDF8o7h7uPUb+Qa0D7kGqcOzFgAUaqQdzJwAE4ukrnMk2m1RjhNVGhcMpqiXO7Jx+aWMLzGwvN3cya1orDrHjWPwUo6G0TU9EUONSdIl01orDrHjWPwQqjVGOFJT6awypp5s1snHJZoRusZG6zfyIUB6UUB0ARY24HIAAzXSLHMn//2Q==';
const dent = () => Uint8Array.from(atob(DENT_JPG), (c) => c.charCodeAt(0));

let t: EdgeApi;
let warehouse: Session;
beforeAll(async () => {
	t = await shopApi({ EVIDENCE: env.EVIDENCE });
	warehouse = await t.signIn('warehouse');
});
afterAll(() => t.client.close());

describe('evidence photos in workerd, kept in R2', () => {
	it('keeps a photo without its GPS, serves it back, and a retry is one photo', async () => {
		const { returnId, unitId } = await createReceivingFixtures(t.db);
		const path = `/api/returns/${returnId}/units/${unitId}/evidence`;
		const key = crypto.randomUUID();
		const send = () =>
			t.request(path, {
				method: 'POST',
				session: warehouse,
				body: withExif(dent()),
				headers: { 'content-type': 'image/jpeg', 'idempotency-key': key }
			});
		const res = await send();
		expect(res.status, await res.clone().text()).toBe(201);
		const photo = await res.json();
		expect(photo.bytes).toBe(dent().length);

		const { rows } = await t.client.execute({
			sql: 'SELECT storage_key FROM return_evidence WHERE return_id = ?',
			args: [returnId]
		});
		expect(rows).toHaveLength(1);
		const stored = await env.EVIDENCE.get(String(rows[0]!.storage_key));
		expect(stored?.httpMetadata?.contentType).toBe('image/jpeg');
		expect(stored?.size).toBe(dent().length);

		const again = await send();
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect((await again.json()).id).toBe(photo.id);

		const image = await t.request(photo.url, { session: warehouse });
		expect(image.headers.get('content-type')).toBe('image/jpeg');
		expect(image.headers.get('cache-control')).toBe('private, no-cache');
		const served = new Uint8Array(await image.arrayBuffer());
		expect(served).toEqual(dent());
		expect(contains(served, GPS_MARK)).toBe(false);
	});

	it('refuses a file that is not an image by its bytes (415), keeping nothing', async () => {
		const { returnId, unitId } = await createReceivingFixtures(t.db);
		const res = await t.request(`/api/returns/${returnId}/units/${unitId}/evidence`, {
			method: 'POST',
			session: warehouse,
			body: new TextEncoder().encode('<svg onload=alert(1)>'),
			headers: { 'content-type': 'image/png' }
		});
		expect(res.status).toBe(415);
		const { rows } = await t.client.execute({
			sql: 'SELECT count(*) AS n FROM return_evidence WHERE return_id = ?',
			args: [returnId]
		});
		expect(Number(rows[0]!.n)).toBe(0);
	});
});
