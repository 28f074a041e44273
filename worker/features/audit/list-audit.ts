import { and, desc, eq, lt } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/audit';
import { users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { filterWhere, storedColumns, toView, usedFilters, type StoredEntry } from './internal';
import { auditEntry } from './record';
import type { AuditPage, ListAudit } from './schemas';

/**
 * A page of the audit log, newest first, with cursor paging by `seq` (stable while new
 * entries arrive). Reading the log is itself audited as `audit.view` (PCI DSS 10.2.1.3):
 * the read and that entry are one batch, one round trip; the read comes first, so a page
 * never shows the view that produced it.
 */
export async function listAudit({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListAudit;
}): Promise<AuditPage> {
	const { db } = ctx;
	const { cursor, limit, ...filter } = input;
	const [rows] = await db.batch([
		db
			.select({ ...storedColumns, actorEmail: users.email })
			.from(auditLog)
			.leftJoin(users, and(eq(auditLog.actorType, 'user'), eq(users.id, auditLog.actorId)))
			.where(and(filterWhere(filter), cursor ? lt(auditLog.seq, Number(cursor)) : undefined))
			.orderBy(desc(auditLog.seq))
			.limit(limit + 1),
		auditEntry(ctx, {
			action: 'audit.view',
			details: { ...usedFilters(filter), ...(cursor ? { cursor } : {}) }
		})
	]);
	const page = (rows as (StoredEntry & { actorEmail: string | null })[]).slice(0, limit);
	return {
		items: page.map(toView),
		nextCursor: rows.length > limit ? String(page.at(-1)!.seq) : null
	};
}
