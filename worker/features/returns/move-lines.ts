import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { returnLines, returns, type ReturnLineStatus } from '../../../db/schema/returns';
import type { Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry, type AuditActor } from '../audit/record';
import { timelineEvent } from '../orders/timeline';
import { emitEvent } from '../webhooks/emit';
import { summaryOfReturn, type ReturnSnapshot } from './internal';
import { deriveReturnStatus, lineTransition } from './line-states';
import type { ReturnSummary } from './schemas';

export type LineMove = {
	/** Line number → its new status; each checked by lineTransition (409 when illegal). */
	to: Map<number, ReturnLineStatus>;
	kind: `return.${string}`;
	summary: string;
	action: `return.${string}`;
	details: Record<string, string | number | null>;
	hint?: string;
	/** The system (expiry job) instead of the person in ctx. */
	actor?: { timeline: { kind: 'system'; label: string }; audit: AuditActor };
};

/**
 * The one writer of line states for the rep's side (cancel, reject, expire): decide each
 * move with lineTransition, derive the return's status from ALL its lines after the change,
 * then one batch under the return's version (a moved snapshot is a 409), with the timeline
 * event, the outbound event and one audit entry.
 */
export async function moveLines(
	ctx: Ctx,
	ret: ReturnSnapshot,
	seenVersion: number | undefined,
	move: LineMove
): Promise<ReturnSummary> {
	if (seenVersion !== undefined && seenVersion !== ret.version)
		throw new Conflict(
			'return-changed',
			'This return changed since you loaded it',
			'Someone else (or the warehouse) changed this return a moment ago. Reload it, then try again.'
		);
	for (const [line, to] of move.to) {
		const current = ret.lines.find((l) => l.line === line);
		if (!current)
			throw new NotFound(
				'return-line-not-found',
				'No such line',
				`${ret.number} has no line ${line}.`
			);
		lineTransition(line, current.status, to, move.hint);
	}
	const after = ret.lines.map((l) => ({ ...l, status: move.to.get(l.line) ?? l.status }));
	const status = deriveReturnStatus(after);
	const writes: BatchItem<'sqlite'>[] = [expectVersion(ctx, 'return', ret.id, ret.version)];
	for (const [line, to] of move.to)
		writes.push(
			ctx.db
				.update(returnLines)
				.set({ status: to })
				.where(and(eq(returnLines.returnId, ret.id), eq(returnLines.line, line)))
		);
	writes.push(
		ctx.db
			.update(returns)
			.set({ status, version: sql`${returns.version} + 1`, updatedAt: ctx.now })
			.where(eq(returns.id, ret.id)),
		timelineEvent(ctx, {
			entityKind: 'return',
			entityId: ret.id,
			orderId: ret.orderId,
			customerId: ret.customerId,
			kind: move.kind,
			summary: `${ret.number}: ${move.summary}`,
			data: { returnId: ret.id, number: ret.number, lines: [...move.to.keys()], status },
			...(move.actor ? { actor: move.actor.timeline } : {})
		}),
		emitEvent(ctx, {
			type: move.kind,
			entityKind: 'return',
			entityId: ret.id,
			data: { returnId: ret.id, number: ret.number, status, lines: [...move.to.keys()] }
		}),
		auditEntry(ctx, {
			action: move.action,
			target: { type: 'return', id: ret.id },
			details: { ...move.details, lines: [...move.to.keys()].join(','), status },
			...(move.actor ? { actor: move.actor.audit } : {})
		})
	);
	return mutate<ReturnSummary>(ctx, {
		writes: writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]],
		result: summaryOfReturn(ret.id)
	});
}
