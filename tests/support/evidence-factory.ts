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

export { contains, GPS_MARK, withExif } from './exif';

const FIXTURES = join(import.meta.dirname, '../fixtures/evidence');
export const photo = (name: 'dent.jpg' | 'dent.png' | 'dent.webp') =>
	new Uint8Array(readFileSync(join(FIXTURES, name)));

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
	barcode: '5099990000042',
	/** A delivered order a rep files a claim with a photo on. */
	claimOrder: 'ORD-990042',
	claimSku: 'EVD-TOASTER'
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
	const claimed = await createDeliveredOrder(db, {
		locationId: main.id,
		lines: [{ quantity: 1, name: 'Evidence journey toaster', sku: EVIDENCE_JOURNEY.claimSku }]
	});
	await db.run(
		sql`UPDATE orders SET number = ${EVIDENCE_JOURNEY.claimOrder} WHERE id = ${claimed.id}`
	);
}
