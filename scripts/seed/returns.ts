import type { Client } from '@libsql/client';
import { DEFAULT_RETURN_POLICY } from '../../worker/features/returns/policy/decide';

// Returns (issue 11) in the demo shop: a category per product from words in its name (the
// policy's rules are per category; the first matching rule below wins), a few products on
// clearance (final sale under the default policy), and the default policy as version 1.
const RULES: [category: string, words: string[]][] = [
	['Kitchen', ['mug', 'cup', 'plate', 'bowl', 'tea', 'cake', 'lunch', 'jar']],
	['Bags', ['bag', 'purse', 'umbrella']],
	['Lighting', ['candle', 'light', 'lantern', 'holder']],
	['Seasonal', ['christmas', 'easter', 'bunting']],
	['Stationery', ['card', 'wrap', 'paper', 'notebook', 'pen']],
	['Home decor', ['sign', 'frame', 'clock', 'heart', 'decoration']]
];
const CLEARANCE = 12;

/** SQL that sets products.category; exported for the seed test. */
export function categoryStatements(): string[] {
	const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
	const cases = RULES.map(
		([category, words]) =>
			`WHEN ${words.map((w) => `lower(name) LIKE ${quote(`%${w}%`)}`).join(' OR ')} THEN ${quote(category)}`
	).join(' ');
	return [
		`UPDATE products SET category = CASE ${cases} END WHERE category IS NULL`,
		// A few of the rest go on clearance: deterministic, the first by SKU.
		`UPDATE products SET category = 'Clearance' WHERE id IN (SELECT id FROM products
			WHERE category IS NULL ORDER BY sku LIMIT ${CLEARANCE})`
	];
}

export async function seedReturns(client: Client, now: number): Promise<void> {
	await client.batch(
		[
			...categoryStatements(),
			{
				sql: `INSERT INTO return_policies (version, document, note, created_at)
					SELECT 1, ?, 'The demo shop''s starting policy', ? WHERE NOT EXISTS (SELECT 1 FROM return_policies)`,
				args: [JSON.stringify(DEFAULT_RETURN_POLICY), now]
			}
		],
		'write'
	);
}
