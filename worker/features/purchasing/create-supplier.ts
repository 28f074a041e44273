import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import type { CreateSupplier, Supplier } from './schemas';

export const supplierJson = sql`json_object('id', s.id, 'name', s.name, 'email', s.email,
	'leadTimeDays', s.lead_time_days, 'currency', s.currency,
	'items', (SELECT count(*) FROM supplier_items WHERE supplier_id = s.id))`;

export async function createSupplier({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateSupplier;
}): Promise<Supplier> {
	const id = crypto.randomUUID();
	return mutate<Supplier>(ctx, {
		status: 201,
		writes: [
			ctx.db.run(
				sql`INSERT INTO suppliers (id, name, email, lead_time_days, currency, created_at)
					VALUES (${id}, ${input.name}, ${input.email}, ${input.leadTimeDays}, ${input.currency}, ${ctx.now})`
			),
			auditEntry(ctx, {
				action: 'supplier.create',
				target: { type: 'supplier', id },
				details: { name: input.name, leadTimeDays: input.leadTimeDays }
			})
		],
		result: sql`SELECT ${supplierJson} FROM suppliers s WHERE s.id = ${id}`
	});
}
