import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from './context';

// "Decide, then write" (docs/architecture.md): the statement that goes FIRST in a batch
// whose writes were decided from a snapshot. If the row's version moved since the snapshot
// was read, the trigger on the `preconditions` view (migration 0014) aborts the whole batch
// and constraint-errors.ts answers 409 `<subject>-changed`. Every write to such a row must
// bump its version (`version = version + 1`) in the same batch.
const VERSIONED = {
	order: 'orders',
	payment: 'payments',
	shipment: 'shipments',
	customer: 'customers',
	transfer: 'transfers',
	purchase_order: 'purchase_orders',
	count_line: 'count_lines',
	// Returns (issue 11, migrations 0029 and 0030).
	return: 'returns',
	return_shipment: 'return_shipments',
	return_unit: 'return_units'
} as const;
export type VersionedSubject = keyof typeof VERSIONED;

export function expectVersion(
	ctx: Ctx,
	subject: VersionedSubject,
	id: string,
	version: number
): BatchItem<'sqlite'> {
	const table = sql.identifier(VERSIONED[subject]);
	return ctx.db.run(
		sql`INSERT INTO preconditions (subject, held)
			SELECT ${subject}, EXISTS (SELECT 1 FROM ${table} WHERE id = ${id} AND version = ${version})`
	);
}
