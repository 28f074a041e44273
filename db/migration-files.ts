// Node-only: reads drizzle-kit's output. Used by the bundler script and the test
// that keeps the bundle honest; never imported by worker/ or web/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Migration } from './migrate';

type Journal = { entries: { idx: number; tag: string }[] };

export function readMigrationFiles(dir: string): Migration[] {
	const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as Journal;
	return journal.entries
		.sort((a, b) => a.idx - b.idx)
		.map(({ tag }) => {
			const sql = readFileSync(join(dir, `${tag}.sql`), 'utf8');
			return {
				tag,
				hash: createHash('sha256').update(sql).digest('hex'),
				statements: sql
					.split('--> statement-breakpoint')
					.map((s) => s.trim())
					.filter((s) => s.length > 0)
			};
		});
}
