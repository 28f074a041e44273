// Evidence photos (issue 11): a received unit's photo at inspection and a claim's, kept in
// the blob store (here the embedded default's disk bucket, as `npm start` runs it), listed
// and served back only to people who read returns. Happy, error and security cases.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createEvidenceFixtures,
	photo,
	withExif,
	contains,
	GPS_MARK
} from '../support/evidence-factory';
import type { EvidenceFixtures } from '../support/evidence-factory';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';
import {
	MAX_EVIDENCE_BYTES,
	MAX_PHOTOS_PER_SUBJECT
} from '../../worker/features/returns/evidence/limits';

let t: TestApi;
let f: EvidenceFixtures;
let warehouse: Session;
let support: Session;

beforeAll(async () => {
	t = await createTestApi();
	f = await createEvidenceFixtures(t);
	warehouse = await t.signIn('warehouse');
	support = await t.signIn('support');
});

const unitPath = (x = f) => `/api/returns/${x.returnId}/units/${x.unitId}/evidence`;

function upload(
	path: string,
	body: Uint8Array<ArrayBuffer>,
	type: string,
	{ session = warehouse, key }: { session?: Session; key?: string } = {}
) {
	const headers: Record<string, string> = { 'content-type': type };
	if (key) headers['idempotency-key'] = key;
	return t.request(path, { method: 'POST', session, body, headers });
}

/** Every blob file in the bucket's directory (sidecars left out). */
function storedFiles(): string[] {
	const dir = join(t.evidenceDir, 'evidence');
	try {
		return readdirSync(dir).filter((name) => !name.endsWith('.json'));
	} catch {
		return [];
	}
}

async function rows(sql: string, ...args: (string | number)[]) {
	return (await t.client.execute({ sql, args })).rows;
}

describe('happy: a photo of a received unit', () => {
	it('is kept without its EXIF (GPS), under a random key, with one audit entry', async () => {
		const sent = withExif(photo('dent.jpg'));
		expect(contains(sent, GPS_MARK)).toBe(true);
		const res = await upload(unitPath(), sent, 'image/jpeg');
		expect(res.status, await res.clone().text()).toBe(201);
		const body = await res.json();
		expect(body).toMatchObject({
			returnId: f.returnId,
			unitId: f.unitId,
			contentType: 'image/jpeg',
			url: `/api/returns/${f.returnId}/evidence/${body.id}`
		});
		expect(body.bytes).toBe(photo('dent.jpg').length);
		// A snapshot read, then one batch.
		expect(roundTrips(res).domain).toBe(2);

		const [row] = await rows(
			'SELECT storage_key, bytes FROM return_evidence WHERE id = ?',
			body.id
		);
		expect(String(row!.storage_key)).toMatch(/^evidence\/[0-9a-f-]{36}$/);
		const audit = await rows(
			"SELECT action, target_id FROM audit_log WHERE action = 'returns.evidence_add' AND details LIKE ?",
			`%${body.id}%`
		);
		expect(audit).toHaveLength(1);

		const image = await t.request(body.url, { session: support });
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/jpeg');
		expect(image.headers.get('x-content-type-options')).toBe('nosniff');
		expect(image.headers.get('cache-control')).toBe('private, no-cache');
		expect(image.headers.get('content-disposition')).toBe('inline');
		const etag = image.headers.get('etag');
		expect(etag).toBe(`"${body.id}"`);
		const held = await t.request(body.url, {
			session: support,
			headers: { 'if-none-match': etag! }
		});
		expect(held.status).toBe(304);
		expect(await held.text()).toBe('');
		const served = new Uint8Array(await image.arrayBuffer());
		expect(contains(served, GPS_MARK)).toBe(false);
		expect(contains(served, 'Exif')).toBe(false);
		expect(Buffer.from(served).equals(Buffer.from(photo('dent.jpg')))).toBe(true);
	});

	it('shows on the unit (receiving) and in the return’s list, oldest first', async () => {
		const png = await upload(unitPath(), photo('dent.png'), 'image/png');
		expect(png.status).toBe(201);
		const { id } = await png.json();
		const receiving = await (
			await t.request(`/api/returns/${f.returnId}/receiving`, { session: support })
		).json();
		const unit = receiving.units.find((u: { id: string }) => u.id === f.unitId);
		expect(unit.evidence).toContain(id);
		expect(unit.evidence).toContain(f.evidenceId);
		const list = await (
			await t.request(`/api/returns/${f.returnId}/evidence`, { session: support })
		).json();
		expect(list.items.map((e: { id: string }) => e.id).at(-1)).toBe(id);
		expect(list.items.every((e: { unitId: string }) => e.unitId === f.unitId)).toBe(true);
	});

	it('a claim takes photos from a rep, not tied to a unit', async () => {
		const res = await upload(
			`/api/claims/${f.claimId}/evidence`,
			photo('dent.webp'),
			'image/webp',
			{
				session: support
			}
		);
		expect(res.status, await res.clone().text()).toBe(201);
		expect(await res.json()).toMatchObject({
			returnId: f.claimId,
			unitId: null,
			contentType: 'image/webp'
		});
	});
});

describe('idempotent retry', () => {
	it('a retried upload with the same Idempotency-Key is the same one photo', async () => {
		const before = storedFiles().length;
		const key = crypto.randomUUID();
		const first = await upload(unitPath(), photo('dent.jpg'), 'image/jpeg', { key });
		const again = await upload(unitPath(), photo('dent.jpg'), 'image/jpeg', { key });
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect((await again.json()).id).toBe((await first.json()).id);
		expect(storedFiles().length).toBe(before + 1);
	});

	it('the same key with other bytes is refused (422), nothing kept', async () => {
		const key = crypto.randomUUID();
		await upload(unitPath(), photo('dent.jpg'), 'image/jpeg', { key });
		const before = storedFiles().length;
		// Differs only in bytes that are not UTF-8: a text hash would call them the same.
		const other = photo('dent.jpg');
		other[other.length - 3]! ^= 0x01;
		const res = await upload(unitPath(), other, 'image/jpeg', { key });
		expect(res.status).toBe(422);
		expect((await res.json()).type).toMatch(/idempotency-key-reused/);
		expect(storedFiles().length).toBe(before);
	});
});

describe('error: limits and types', () => {
	async function refusedWith(res: Response, status: number, type: RegExp) {
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toMatch(/problem\+json/);
		const problem = await res.json();
		expect(problem.type).toMatch(type);
		expect(problem.title.length).toBeGreaterThan(10);
		return problem;
	}

	it('a photo over the limit is a 413, nothing kept', async () => {
		const before = storedFiles().length;
		const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
		big.set(photo('dent.jpg'));
		const problem = await refusedWith(
			await upload(unitPath(), big, 'image/jpeg'),
			413,
			/photo-too-large/
		);
		expect(problem.title).toMatch(/2 MB/);
		expect(storedFiles().length).toBe(before);
	});

	it.each([
		['text', new TextEncoder().encode('not a photo'), 'text/plain', /photo-type-not-accepted/],
		['a GIF', new TextEncoder().encode('GIF89a....'), 'image/gif', /photo-type-not-accepted/],
		['PNG bytes called JPEG', photo('dent.png'), 'image/jpeg', /photo-not-an-image/],
		[
			'an HTML page called PNG',
			new TextEncoder().encode('<html><script>'),
			'image/png',
			/photo-not-an-image/
		],
		['a JPEG cut short', photo('dent.jpg').slice(0, 40), 'image/jpeg', /photo-unreadable/]
	])('%s is a 415 in words, nothing kept', async (_, body, type, code) => {
		const before = storedFiles().length;
		await refusedWith(await upload(unitPath(), body as Uint8Array<ArrayBuffer>, type), 415, code);
		expect(storedFiles().length).toBe(before);
	});

	it('an empty body is a 422', async () => {
		await refusedWith(
			await upload(unitPath(), new Uint8Array(0), 'image/jpeg'),
			422,
			/photo-missing/
		);
	});

	it('a unit of another return, or a return that is not a claim, is a 404; nothing kept', async () => {
		const other = await createEvidenceFixtures(t);
		const before = storedFiles().length;
		const wrong = await upload(
			`/api/returns/${f.returnId}/units/${other.unitId}/evidence`,
			photo('dent.jpg'),
			'image/jpeg'
		);
		await refusedWith(wrong, 404, /return-unit-not-found/);
		const notClaim = await upload(
			`/api/claims/${f.returnId}/evidence`,
			photo('dent.jpg'),
			'image/jpeg',
			{
				session: support
			}
		);
		await refusedWith(notClaim, 404, /claim-not-found/);
		expect(storedFiles().length).toBe(before);
	});

	it(`keeps at most ${MAX_PHOTOS_PER_SUBJECT} photos of one unit (409)`, async () => {
		const fresh = await createEvidenceFixtures(t); // one photo already
		for (let i = 1; i < MAX_PHOTOS_PER_SUBJECT; i++) {
			expect((await upload(unitPath(fresh), photo('dent.jpg'), 'image/jpeg')).status).toBe(201);
		}
		await refusedWith(
			await upload(unitPath(fresh), photo('dent.jpg'), 'image/jpeg'),
			409,
			/too-many-photos/
		);
	});
});

describe('security: who may add and see photos', () => {
	it('a rep reads photos but does not add them at inspection (403)', async () => {
		const res = await upload(unitPath(), photo('dent.jpg'), 'image/jpeg', { session: support });
		expect(res.status).toBe(403);
	});

	it('the warehouse does not add photos to claims (403)', async () => {
		const res = await upload(`/api/claims/${f.claimId}/evidence`, photo('dent.jpg'), 'image/jpeg');
		expect(res.status).toBe(403);
	});

	it('signed out, no photo is served (401), not even a 304 for a copy held', async () => {
		const res = await t.request(`/api/returns/${f.returnId}/evidence/${f.evidenceId}`, {
			headers: { 'if-none-match': `"${f.evidenceId}"` }
		});
		expect(res.status).toBe(401);
		expect(res.headers.get('content-type')).toMatch(/problem\+json/);
	});

	it('a photo is served only under its own return (404 under another)', async () => {
		const other = await createEvidenceFixtures(t);
		const res = await t.request(`/api/returns/${other.returnId}/evidence/${f.evidenceId}`, {
			session: support
		});
		expect(res.status).toBe(404);
	});
});
