import { sql, type SQL } from 'drizzle-orm';
import { returnOverrides } from '../../../../db/schema/returns';
import type { Ctx } from '../../../core/context';
import { Conflict, Forbidden, NotFound } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import { timelineEvent } from '../../orders/timeline';
import type { ReturnLineStatus } from '../../../../db/schema/returns';
import { RELEASED } from '../line-states';
import type { CreateOverride, Overrides } from './schemas';

// A manager overriding the policy's decision (out of window, final sale, missing item…):
// always with a reason, appended to return_overrides, audited, on the timeline. A line's
// stored decision becomes eligible, decidedBy 'override', with what the manager chose.

export function overridesOf(returnId: string): SQL {
	return sql`SELECT CASE WHEN r.id IS NULL THEN NULL ELSE json_object('returnId', r.id,
		'overrides', (SELECT json_group_array(json_object('id', o.id, 'line', o.line, 'rule', o.rule,
				'reason', o.reason, 'before', json(o.before), 'after', json(o.after),
				'managerId', o.manager_id, 'managerName', u.name, 'createdAt', o.created_at))
			FROM (SELECT * FROM return_overrides WHERE return_id = r.id ORDER BY created_at, id) o
			LEFT JOIN users u ON u.id = o.manager_id)) END
		FROM (SELECT ${returnId} AS wanted) w LEFT JOIN returns r ON r.id = w.wanted`;
}

export async function listOverrides({ ctx, id }: { ctx: Ctx; id: string }): Promise<Overrides> {
	const [row] = await ctx.db.all<{ body: string | null }>(sql`SELECT (${overridesOf(id)}) AS body`);
	if (!row?.body) throw new NotFound('return-not-found', 'No such return');
	return JSON.parse(row.body) as Overrides;
}

type Found = {
	number: string;
	orderId: string | null;
	customerId: string | null;
	decision: string | null;
	lineFound: number;
	status: string;
	currency: string;
	/** What the customer paid for the line's units: the most an override may give back. */
	lineNetMinor: number | null;
};

export async function createOverride({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: CreateOverride;
}): Promise<Overrides> {
	if (ctx.actor?.kind !== 'user')
		throw new Forbidden('override-needs-manager', 'Only a manager, signed in, can override');
	const line = input.line ?? null;
	const [found] = await ctx.db.all<Found>(
		sql`SELECT r.number, r.order_id AS orderId, r.customer_id AS customerId, l.decision,
			(l.line IS NOT NULL) AS lineFound, r.status, r.currency,
			CASE WHEN ol.quantity > 0 THEN (ol.net_minor * l.quantity) / ol.quantity END AS lineNetMinor
			FROM returns r LEFT JOIN return_lines l ON l.return_id = r.id AND l.line = ${line}
			LEFT JOIN order_lines ol ON ol.order_id = l.order_id AND ol.line = l.order_line
			WHERE r.id = ${id}`
	);
	if (!found) throw new NotFound('return-not-found', 'No such return');
	if (line !== null && !found.lineFound)
		throw new NotFound('return-line-not-found', `This return has no line ${line}`);
	// A return whose lines were all released (cancelled, rejected, expired) is closed.
	if (RELEASED.has(found.status as ReturnLineStatus))
		throw new Conflict(
			'return-closed',
			`This return is ${found.status}`,
			'A closed return cannot be overridden. Start a new return if the customer sends the item back.'
		);
	const refund = input.after.refundMinor;
	if (
		refund !== undefined &&
		line !== null &&
		found.lineNetMinor !== null &&
		refund > found.lineNetMinor
	)
		throw new Conflict(
			'override-exceeds-paid',
			'An override cannot give back more than was paid',
			`Line ${line} was paid ${found.lineNetMinor} (minor units, ${found.currency}) for the units being returned. Give at most that; anything more is goodwill, which has its own approval.`
		);
	const before = (found.decision ? JSON.parse(found.decision) : {}) as Record<string, unknown>;
	const explanation = Array.isArray(before.explanation) ? (before.explanation as string[]) : [];
	const after: Record<string, unknown> = {
		...before,
		...input.after,
		eligible: true,
		decidedBy: 'override',
		explanation: [
			...explanation,
			`Overridden by ${ctx.actor.name} (${input.rule}): ${input.reason}`
		]
	};
	const overrideId = crypto.randomUUID();
	return mutate<Overrides>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(returnOverrides).values({
				id: overrideId,
				returnId: id,
				line,
				rule: input.rule,
				reason: input.reason,
				before,
				after: { ...input.after, eligible: true },
				managerId: ctx.actor.id,
				createdAt: ctx.now
			}),
			...(line !== null
				? [
						ctx.db.run(sql`UPDATE return_lines SET decision = ${JSON.stringify(after)},
							refund_minor = COALESCE(${refund ?? null}, refund_minor)
							WHERE return_id = ${id} AND line = ${line}`)
					]
				: []),
			ctx.db.run(
				sql`UPDATE returns SET version = version + 1, updated_at = ${ctx.now} WHERE id = ${id}`
			),
			timelineEvent(ctx, {
				entityKind: 'return',
				entityId: id,
				orderId: found.orderId,
				customerId: found.customerId,
				kind: 'return.overridden',
				summary: `${found.number}${line ? ` line ${line}` : ''}: policy overridden (${input.rule}): ${input.reason}`,
				data: { overrideId, line, rule: input.rule }
			}),
			auditEntry(ctx, {
				action: 'return.override',
				target: { type: 'return', id },
				details: { overrideId, line, rule: input.rule, reason: input.reason }
			})
		],
		result: overridesOf(id)
	});
}
