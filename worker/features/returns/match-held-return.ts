import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { returnLines, returns } from '../../../db/schema/returns';
import { actorId, type Ctx } from '../../core/context';
import { Conflict, Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { authorisationWrites, refuseUnlessAuthorisable, RETURN_EXPIRY_DAYS } from './create-return';
import { decideLines } from './decide-lines';
import { readReturnFacts } from './facts';
import { readReturn, summaryOfReturn } from './internal';
import { lineTransition } from './line-states';
import type { MatchHeldReturn, ReturnSummary } from './schemas';

/**
 * A person found the order a held return belongs to: its line is matched to the order line
 * and decided by the policy in force now, then authorised exactly as a new return is (the
 * parcel, the notification, the timeline), under the return's version. A refused line or a
 * quantity beyond what can still come back leaves it held (nothing written).
 */
export async function matchHeldReturn({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: MatchHeldReturn;
}): Promise<ReturnSummary> {
	const ret = await readReturn(ctx, id);
	if (ret.status !== 'held')
		throw new Conflict(
			'return-not-held',
			`${ret.number} is not held for review`,
			'Only a return started from a SKU waits to be matched to an order.'
		);
	if (input.version !== undefined && input.version !== ret.version)
		throw new Conflict(
			'return-changed',
			'This return changed since you loaded it',
			'Reload it, then try again.'
		);
	const line = ret.lines[0]!;
	const request = { ...input, quantity: line.quantity };
	const facts = await readReturnFacts(ctx, [request]);
	if (ret.customerId && facts.customerId && ret.customerId !== facts.customerId)
		throw new Invalid(
			'return-other-customer',
			'That order is another customer’s',
			`${ret.number} was started for a different customer: check the order number.`
		);
	const decided = decideLines(facts, [request], ctx.now);
	refuseUnlessAuthorisable(decided.lines);
	lineTransition(line.line, line.status, 'authorised');
	const [{ order, totals }] = decided.orders as [(typeof decided.orders)[number]];
	const decision = decided.lines[0]!.decision!;
	const writes: BatchItem<'sqlite'>[] = [
		expectVersion(ctx, 'return', ret.id, ret.version),
		ctx.db
			.update(returnLines)
			.set({
				orderId: order.id,
				orderLine: input.orderLine,
				productId: decision.productId,
				sku: decision.sku,
				status: 'authorised',
				reasonCode: input.reasonCode,
				decision: decision as unknown as Record<string, unknown>,
				feeMinor: decision.feeMinor,
				refundMinor: decision.refundMinor
			})
			.where(and(eq(returnLines.returnId, ret.id), eq(returnLines.line, line.line))),
		ctx.db
			.update(returns)
			.set({
				orderId: order.id,
				customerId: order.customerId,
				currency: order.currency,
				status: 'authorised',
				policyVersion: facts.policy.version,
				reviewReason: null,
				authorisedById: actorId(ctx),
				authorisedAt: ctx.now,
				expiresAt: ctx.now + RETURN_EXPIRY_DAYS * 86_400_000,
				version: sql`${returns.version} + 1`,
				updatedAt: ctx.now
			})
			.where(eq(returns.id, ret.id)),
		...authorisationWrites(ctx, {
			id: ret.id,
			order,
			units: line.quantity,
			totals,
			policyVersion: facts.policy.version
		}),
		auditEntry(ctx, {
			action: 'return.match',
			target: { type: 'return', id: ret.id },
			details: {
				orderId: order.id,
				orderLine: input.orderLine,
				policyVersion: facts.policy.version
			}
		})
	];
	return mutate<ReturnSummary>(ctx, {
		writes: writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]],
		result: summaryOfReturn(ret.id)
	});
}
