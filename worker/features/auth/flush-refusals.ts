import { and, eq, lte } from 'drizzle-orm';
import { accessRefusals } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { auditEntry, type AuditActor } from '../audit/record';
import { REFUSAL_WINDOW_MS } from './record-refusals';

// Statements a batch carries at most: a flood from many addresses leaves many rows.
const CHUNK = 100;

function actorOf(subject: string): { actor: AuditActor; address?: string } {
	const [kind, ...rest] = subject.split(':');
	const id = rest.join(':');
	if (kind === 'user' || kind === 'api_key') return { actor: { type: kind, id } };
	return { actor: { type: 'anonymous' }, address: id };
}

/**
 * For the scheduled work (issue 6 §4): every closed refusal window is written to the
 * audit log with its count and its counter row is deleted, so the log holds the whole
 * count (not only the first refusal of each window) and access_refusals never grows.
 * A row is deleted only if its window is still the one read: a refusal that reopened
 * it meanwhile keeps it. Returns how many windows were written.
 */
export async function flushRefusalWindows({ ctx }: { ctx: Ctx }): Promise<number> {
	const { db } = ctx;
	const closed = await db
		.select()
		.from(accessRefusals)
		.where(lte(accessRefusals.windowStart, ctx.now - REFUSAL_WINDOW_MS));
	for (let i = 0; i < closed.length; i += CHUNK) {
		const rows = closed.slice(i, i + CHUNK);
		const [first, ...rest] = [
			...rows.map((row) => {
				const { actor, address } = actorOf(row.subject);
				return auditEntry(ctx, {
					action: 'access.refused_window',
					outcome: 'failure',
					actor,
					details: {
						kind: row.kind,
						route: row.route,
						address,
						count: row.count,
						windowStart: new Date(row.windowStart).toISOString()
					}
				});
			}),
			...rows.map((row) =>
				db
					.delete(accessRefusals)
					.where(
						and(
							eq(accessRefusals.kind, row.kind),
							eq(accessRefusals.subject, row.subject),
							eq(accessRefusals.route, row.route),
							eq(accessRefusals.windowStart, row.windowStart)
						)
					)
			)
		];
		await db.batch([first!, ...rest]);
	}
	return closed.length;
}
