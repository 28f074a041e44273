import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
	customerNotifications,
	returnLines,
	returnShipments,
	returns
} from '../../../db/schema/returns';
import { actorId, type Ctx } from '../../core/context';
import { Conflict, Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { timelineEvent } from '../orders/timeline';
import { emitEvent } from '../webhooks/emit';
import { decideLines, type DecidedLine } from './decide-lines';
import { readReturnFacts } from './facts';
import { returnSummaryJson } from './internal';
import type { CreatedReturns, CreateReturn } from './schemas';

/** How long the customer has to send the parcel once authorised (the policy has no say yet). */
export const RETURN_EXPIRY_DAYS = 30;
const DAY_MS = 86_400_000;
const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

/**
 * A rep authorises a return: decide (the policy engine per line on facts read in one
 * batch; a line it refuses, or one asking for more than can still come back, refuses the
 * whole request in words and writes nothing), then ONE batch: per order a return with a
 * RET- number, its authorised lines, the inbound parcel, the customer's notification with
 * the label link, a timeline event and an outbound event; one audit entry for all of it.
 * The database's trigger still refuses a line beyond what was shipped (a race with another
 * rep): the batch fails whole, 409.
 */
export async function createReturn({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateReturn;
}): Promise<CreatedReturns> {
	const facts = await readReturnFacts(ctx, input.lines);
	const decided = decideLines(facts, input.lines, ctx.now);
	refuseUnlessAuthorisable(decided.lines);
	const writes: BatchItem<'sqlite'>[] = [];
	const created: string[] = [];
	for (const { order, totals } of decided.orders) {
		const own = decided.lines.filter((l) => l.request.orderId === order.id);
		const id = crypto.randomUUID();
		created.push(id);
		const units = own.reduce((n, l) => n + l.request.quantity, 0);
		writes.push(
			ctx.db.run(sql`UPDATE counters SET value = value + 1 WHERE name = 'return_number'`),
			ctx.db.insert(returns).values({
				id,
				number: sql`(SELECT 'RET-' || value FROM counters WHERE name = 'return_number')`,
				orderId: order.id,
				customerId: order.customerId,
				channel: ctx.actor?.kind === 'api_key' ? 'web' : 'phone',
				status: 'authorised',
				policyVersion: facts.policy.version,
				currency: order.currency,
				notes: input.notes || null,
				requestedById: actorId(ctx),
				authorisedById: actorId(ctx),
				authorisedAt: ctx.now,
				expiresAt: ctx.now + RETURN_EXPIRY_DAYS * DAY_MS,
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			ctx.db.insert(returnLines).values(
				own.map((l, i) => ({
					returnId: id,
					line: i + 1,
					orderId: order.id,
					orderLine: l.request.orderLine,
					productId: l.decision!.productId,
					sku: l.preview.sku,
					quantity: l.request.quantity,
					status: 'authorised' as const,
					reasonCode: l.request.reasonCode,
					note: l.request.note || null,
					decision: l.decision as unknown as Record<string, unknown>,
					feeMinor: l.decision!.feeMinor,
					refundMinor: l.decision!.refundMinor
				}))
			),
			...authorisationWrites(ctx, {
				id,
				order,
				units,
				totals,
				policyVersion: facts.policy.version
			})
		);
	}
	writes.push(
		auditEntry(ctx, {
			action: 'return.authorise',
			target: { type: 'return', id: created[0]! },
			details: {
				returnIds: created,
				policyVersion: facts.policy.version,
				orders: decided.orders.map((o) => o.order.number).join(','),
				lines: input.lines.length,
				units: input.lines.reduce((n, l) => n + l.quantity, 0)
			}
		})
	);
	const ids = sql.join(
		created.map((id) => sql`${id}`),
		sql`, `
	);
	return mutate<CreatedReturns>(ctx, {
		status: 201,
		writes: writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]],
		result: sql`SELECT json_object('items', json_group_array(json(s))) FROM
			(SELECT ${returnSummaryJson} AS s FROM returns r WHERE r.id IN (${ids}) ORDER BY r.number)`
	});
}

/**
 * What authorising a return writes besides its rows (create, and matching a held one): the
 * inbound parcel (who pays from the decision), the customer's notification with the label
 * link, the timeline event on the customer's timeline and the outbound event.
 */
export function authorisationWrites(
	ctx: Ctx,
	{
		id,
		order,
		units,
		totals,
		policyVersion
	}: {
		id: string;
		order: { id: string; number: string; customerId: string | null; currency: string };
		units: number;
		totals: { totalRefundMinor: number; customerPaysReturnShipping: boolean };
		policyVersion: number;
	}
): BatchItem<'sqlite'>[] {
	const number = sql`(SELECT number FROM returns WHERE id = ${id})`;
	return [
		ctx.db.insert(returnShipments).values({
			id: crypto.randomUUID(),
			returnId: id,
			paidBy: totals.customerPaysReturnShipping ? 'customer' : 'shop',
			createdAt: ctx.now,
			updatedAt: ctx.now
		}),
		ctx.db.insert(customerNotifications).values({
			id: crypto.randomUUID(),
			customerId: order.customerId,
			returnId: id,
			orderId: order.id,
			template: 'return.authorised',
			subject: sql`'Your return ' || ${number} || ' for order ' || ${order.number}`,
			body: sql`'We have authorised your return of ' || ${String(units)} || ' item(s) from order ' || ${order.number} || '. Your return number is ' || ${number} || ': print the label that comes with this message, or write the number clearly on the parcel, and send it within ' || ${String(RETURN_EXPIRY_DAYS)} || ' days. ' || ${totals.customerPaysReturnShipping ? 'Return postage is yours to pay.' : 'Return postage is on us.'} || ' Estimated refund: ' || ${money(totals.totalRefundMinor, order.currency)} || '.'`,
			createdAt: ctx.now
		}),
		timelineEvent(ctx, {
			entityKind: 'return',
			entityId: id,
			orderId: order.id,
			customerId: order.customerId,
			kind: 'return.authorised',
			summary: `Return authorised: ${units} item${units === 1 ? '' : 's'}, estimated refund ${money(totals.totalRefundMinor, order.currency)}`,
			data: sql`json_object('returnId', ${id}, 'number', ${number}, 'policyVersion', ${policyVersion})`
		}),
		emitEvent(ctx, {
			type: 'return.authorised',
			entityKind: 'return',
			entityId: id,
			data: sql`json_object('returnId', ${id}, 'number', ${number}, 'orderId', ${order.id},
					'customerId', ${order.customerId}, 'units', ${units},
					'refundEstimateMinor', ${totals.totalRefundMinor}, 'currency', ${order.currency})`
		})
	];
}

/** A line the policy refuses, or one that cannot go ahead as asked: nothing is written. */
export function refuseUnlessAuthorisable(lines: DecidedLine[]): void {
	const problem = lines.find((l) => l.preview.problem !== null);
	if (problem) {
		const i = lines.indexOf(problem);
		const overQuantity = problem.overQuantity;
		const Err = overQuantity ? Conflict : Invalid;
		throw new Err(
			overQuantity ? 'return-exceeds-shipped' : 'return-line-invalid',
			overQuantity ? 'More than can still come back' : 'This line cannot be returned as asked',
			problem.preview.problem!,
			{ [`lines.${i}.quantity`]: [problem.preview.problem!] }
		);
	}
	const refused = lines.findIndex((l) => !l.preview.eligible);
	if (refused >= 0) {
		const l = lines[refused]!;
		throw new Invalid(
			'return-line-ineligible',
			`Line ${refused + 1} (${l.preview.sku}) cannot be returned under the policy`,
			`${l.preview.explanation.join(' ')} A manager can override the policy; otherwise take the line off the return.`,
			{ [`lines.${refused}`]: l.preview.explanation }
		);
	}
}
