import type { Client } from '@libsql/client';
import { seededRandom } from './random';

export type SampledProduct = { id: string; sku: string; barcode: string | null; name: string };

/**
 * `n` products spread over the whole catalogue, the same ones on every run at a scale:
 * rowids drawn from a seeded generator, read with one indexed lookup (no OFFSET walk).
 */
export async function sampleProducts(client: Client, n: number): Promise<SampledProduct[]> {
	const { rows } = await client.execute('SELECT max(rowid) AS top FROM products');
	const top = Number(rows[0]?.top ?? 0);
	const next = seededRandom(42);
	const rowids = new Set<number>();
	for (let tries = 0; rowids.size < Math.min(n, top) && tries < n * 20; tries++) {
		rowids.add(1 + Math.floor(next() * top));
	}
	const list = [...rowids];
	const found = await client.execute({
		sql: `SELECT rowid, id, sku, barcode, name FROM products
			WHERE rowid IN (${list.map(() => '?').join(', ')}) AND active = 1`,
		args: list
	});
	const byRowid = new Map(found.rows.map((r) => [Number(r.rowid), r]));
	// In draw order, not rowid order, so consecutive requests land far apart in the file.
	return list.flatMap((rowid) => {
		const r = byRowid.get(rowid);
		if (!r) return [];
		const barcode = r.barcode === null ? null : String(r.barcode);
		return [{ id: String(r.id), sku: String(r.sku), barcode, name: String(r.name) }];
	});
}
