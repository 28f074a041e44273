// Photos for the evidence tests (issue 11): small real images made by Chromium's encoders
// (tests/fixtures/evidence: a 64×48 dent, as JPEG, PNG and WebP), camera metadata to put
// into them, and a return with a received unit, a claim, and one kept photo for the routes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { returnEvidence, returnReceipts, returnUnits } from '../../db/schema/returns';
import type { TestApi } from './test-api';
import { createReceivingFixtures } from './receiving-factory';
import { createDeliveredOrder, insertReturn } from './returns-factory';

const FIXTURES = join(import.meta.dirname, '../fixtures/evidence');
export const photo = (name: 'dent.jpg' | 'dent.png' | 'dent.webp') =>
	new Uint8Array(readFileSync(join(FIXTURES, name)));

/** Text a phone writes into EXIF that must never be kept (a GPS position, the device). */
export const GPS_MARK = 'GPS 51.5007N 0.1246W bench-7';

/**
 * The JPEG with an APP1 Exif segment after its start: a big-endian TIFF header and IFD0
 * with one ImageDescription entry holding GPS_MARK (as a phone would put GPS, in an IFD).
 */
export function withExif(jpeg: Uint8Array): Uint8Array<ArrayBuffer> {
	const text = new TextEncoder().encode(`${GPS_MARK}\0`);
	const tiff = new Uint8Array(8 + 2 + 12 + 4 + text.length);
	const view = new DataView(tiff.buffer);
	tiff.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]); // MM, 42, IFD0 at 8
	view.setUint16(8, 1); // one entry
	view.setUint16(10, 0x010e); // ImageDescription
	view.setUint16(12, 2); // ASCII
	view.setUint32(14, text.length);
	view.setUint32(18, 26); // value offset
	view.setUint32(22, 0); // no next IFD
	tiff.set(text, 26);
	const exif = new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...tiff]);
	const segment = new Uint8Array(4 + exif.length);
	segment.set([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]);
	segment.set(exif, 4);
	return new Uint8Array([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

export const contains = (bytes: Uint8Array, text: string) =>
	Buffer.from(bytes).includes(Buffer.from(text));

export type EvidenceFixtures = {
	returnId: string;
	unitId: string;
	claimId: string;
	/** A kept photo of the unit, its bytes in the test's bucket. */
	evidenceId: string;
};

export async function createEvidenceFixtures(t: TestApi): Promise<EvidenceFixtures> {
	const { returnId, unitId } = await createReceivingFixtures(t.db);
	const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
	const claim = await insertReturn(t.db, order, {
		kind: 'claim',
		lines: [{ orderLine: 1, quantity: 1, reasonCode: 'damaged' }]
	});
	const evidenceId = crypto.randomUUID();
	const key = `evidence/${crypto.randomUUID()}`;
	const bytes = photo('dent.jpg');
	await t.evidence.put(key, bytes, { httpMetadata: { contentType: 'image/jpeg' } });
	await t.db.insert(returnEvidence).values({
		id: evidenceId,
		returnId,
		unitId,
		storageKey: key,
		contentType: 'image/jpeg',
		bytes: bytes.length
	});
	return { returnId, unitId, claimId: claim.id, evidenceId };
}

/** The evidence journey's return (tests/e2e/returns-evidence.spec.ts): one kettle received. */
export const EVIDENCE_JOURNEY = {
	number: 'RET-TEVIDENCE',
	name: 'Evidence journey kettle',
	barcode: '5099990000042'
} as const;

/**
 * The e2e seed (tests/support/e2e-server.ts): a delivered order from MAIN with one kettle,
 * its return authorised, and the kettle received into quarantine, waiting for inspection.
 */
export async function seedEvidenceJourney(db: Db): Promise<void> {
	const [main] = await db.all<{ id: string }>(sql`SELECT id FROM locations WHERE code = 'MAIN'`);
	if (!main) throw new Error('the demo seed has no MAIN location');
	const { name, barcode, number } = EVIDENCE_JOURNEY;
	const order = await createDeliveredOrder(db, {
		locationId: main.id,
		lines: [{ quantity: 1, name, barcode, sku: 'EVD-KETTLE' }]
	});
	const ret = await insertReturn(db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
	const receiptId = crypto.randomUUID();
	await db.batch([
		db.insert(returnReceipts).values({
			id: receiptId,
			returnId: ret.id,
			line: 1,
			productId: order.products[0]!.id,
			code: barcode,
			expected: true,
			locationId: main.id,
			idempotencyKey: crypto.randomUUID()
		}),
		db.insert(returnUnits).values({
			id: crypto.randomUUID(),
			returnId: ret.id,
			receiptId,
			line: 1,
			productId: order.products[0]!.id,
			locationId: main.id
		}),
		db.run(sql`UPDATE return_lines SET quantity_received = 1, status = 'received'
			WHERE return_id = ${ret.id}`),
		db.run(sql`UPDATE returns SET status = 'received', number = ${number} WHERE id = ${ret.id}`)
	]);
}
