import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { timelineEvents, type ActorKind, type TimelineEntityKind } from '../../../db/schema/orders';
import type { Ctx } from '../../core/context';

export type TimelineActor = { kind: ActorKind; id: string | null; label: string | null };

/** Who the request acts for, as the timeline shows it. */
export function requestActor(ctx: Ctx): TimelineActor {
	const actor = ctx.actor;
	if (actor?.kind === 'user') return { kind: 'user', id: actor.id, label: actor.name };
	if (actor?.kind === 'api_key') return { kind: 'api_key', id: actor.id, label: 'API key' };
	return { kind: 'system', id: null, label: 'Ordo' };
}

export type TimelineInput = {
	actor: TimelineActor;
	entityKind: TimelineEntityKind;
	entityId: string;
	orderId: string;
	customerId: string | null;
	kind: string;
	summary: string;
	data?: Record<string, unknown>;
};

/** One attributed event on the order's timeline, for the caller's batch. */
export function timelineEvent(ctx: Ctx, e: TimelineInput): BatchItem<'sqlite'> {
	return ctx.db.insert(timelineEvents).values({
		id: crypto.randomUUID(),
		at: ctx.now,
		actorKind: e.actor.kind,
		actorId: e.actor.id,
		actorLabel: e.actor.label,
		entityKind: e.entityKind,
		entityId: e.entityId,
		orderId: e.orderId,
		customerId: e.customerId,
		kind: e.kind,
		summary: e.summary,
		data: e.data ?? {}
	});
}

/** Fails the batch with 409 order-changed / payment-changed when the row moved since read. */
export function precondition(ctx: Ctx, subject: 'order' | 'payment', id: string, version: number) {
	const table = subject === 'order' ? sql`orders` : sql`payments`;
	return ctx.db.run(
		sql`INSERT INTO preconditions (subject, held)
			SELECT ${subject}, EXISTS (SELECT 1 FROM ${table} WHERE id = ${id} AND version = ${version})`
	);
}

/** Fails the batch with 404 when the row is missing (the target_checks view). */
export function targetCheck(ctx: Ctx, target: 'order' | 'payment', id: string) {
	const table = target === 'order' ? sql`orders` : sql`payments`;
	return ctx.db.run(
		sql`INSERT INTO target_checks (target, found) SELECT ${target}, EXISTS (SELECT 1 FROM ${table} WHERE id = ${id})`
	);
}
