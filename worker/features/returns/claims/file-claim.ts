import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { orderLines } from '../../../../db/schema/orders';
import { returnLines, returns } from '../../../../db/schema/returns';
import { actorId, type Ctx } from '../../../core/context';
import { DomainError } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { expectVersion } from '../../../core/preconditions';
import { auditEntry } from '../../audit/record';
import { reserve } from '../../inventory/ledger';
import { recordRefundIntent } from '../../orders/refund-seam';
import { timelineEvent } from '../../orders/timeline';
import { emitEvent } from '../../webhooks/emit';
import { claimById } from './claim-json';
import { claimExceedsShipped, decideClaim, type ClaimDecision } from './decide';
import { registerReturnExceedsShipped } from './exceeds-shipped';
import type { Claim, FileClaim } from './schemas';
import { readClaimFacts, type ClaimFacts } from './snapshot';

registerReturnExceedsShipped();

const KIND_WORDS: Record<FileClaim['kind'], string> = {
	damaged: 'arrived damaged',
	defective: 'defective',
	wrong_item: 'wrong item sent',
	missing_item: 'item missing from the parcel',
	lost_parcel: 'parcel never arrived'
};

/**
 * Files a claim (no goods come back): decide from one snapshot of the order, then ONE
 * batch: the claim (a return of kind 'claim', numbered from counters), its lines with the
 * kind as their reason, authorised and resolved at once; for a refund, a pending refund
 * per payment through the orders→payments seam (payments sends it); for a replacement,
 * a new line on the original order pointing at the line it replaces, with its stock
 * reserved. The database refuses a claim beyond what was shipped (return_exceeds_shipped,
 * counting returns and claims), and a refund beyond what was captured.
 */
export async function fileClaim({ ctx, input }: { ctx: Ctx; input: FileClaim }): Promise<Claim> {
	const facts = await readClaimFacts(ctx, input.orderId);
	const decision = decideClaim(facts, input);
	const id = crypto.randomUUID();
	try {
		return await mutate<Claim>(ctx, {
			status: 201,
			writes: [
				ctx.db.run(sql`UPDATE counters SET value = value + 1 WHERE name = 'return_number'`),
				...claimRows(ctx, id, facts, decision, input),
				...(input.resolution === 'refund'
					? refundWrites(ctx, id, facts, decision, input)
					: replacementWrites(ctx, id, facts, decision)),
				...history(ctx, id, facts, decision, input)
			],
			result: claimById(id)
		});
	} catch (error) {
		if (
			error instanceof DomainError &&
			/return.exceeds.shipped/.test(`${error.code} ${error.detail}`)
		)
			throw claimExceedsShipped(facts.number);
		throw error;
	}
}

function claimRows(
	ctx: Ctx,
	id: string,
	facts: ClaimFacts,
	d: ClaimDecision,
	input: FileClaim
): [BatchItem<'sqlite'>, BatchItem<'sqlite'>] {
	const outcome = input.resolution;
	const replacementLine = (i: number) =>
		outcome === 'replacement' ? maxLine(facts) + 1 + i : null;
	return [
		ctx.db.insert(returns).values({
			id,
			number: sql`(SELECT 'RET-' || value FROM counters WHERE name = 'return_number')`,
			kind: 'claim',
			orderId: facts.id,
			customerId: facts.customerId,
			channel: ctx.actor?.kind === 'api_key' ? 'web' : 'phone',
			status: 'resolved',
			currency: facts.currency,
			refundMinor: d.refundMinor,
			notes: input.note || null,
			requestedById: actorId(ctx),
			authorisedById: actorId(ctx),
			authorisedAt: ctx.now,
			resolvedAt: ctx.now,
			createdAt: ctx.now,
			updatedAt: ctx.now
		}),
		ctx.db.insert(returnLines).values(
			d.lines.map((l, i) => ({
				returnId: id,
				line: i + 1,
				orderId: facts.id,
				orderLine: l.orderLine.line,
				productId: l.orderLine.productId,
				sku: l.orderLine.sku,
				quantity: l.quantity,
				// Authorised and resolved in this one batch: a claim waits for no goods.
				status: 'resolved' as const,
				reasonCode: input.kind,
				note: input.note || null,
				outcome,
				refundMinor: outcome === 'refund' ? l.refundMinor : 0,
				replacementOrderLine: replacementLine(i)
			}))
		)
	];
}

const maxLine = (facts: ClaimFacts) => Math.max(0, ...facts.lines.map((l) => l.line));

function refundWrites(
	ctx: Ctx,
	id: string,
	facts: ClaimFacts,
	d: ClaimDecision,
	input: FileClaim
): BatchItem<'sqlite'>[] {
	return d.refunds.flatMap((r) => {
		const key = `claim:${id}:${r.paymentId}`;
		return [
			recordRefundIntent(ctx, {
				paymentId: r.paymentId,
				orderId: facts.id,
				amountMinor: r.amountMinor,
				reason: `Claim: ${KIND_WORDS[input.kind]}`,
				idempotencyKey: key,
				kind: 'claim',
				returnId: id
			})
		];
	});
}

function replacementWrites(
	ctx: Ctx,
	id: string,
	facts: ClaimFacts,
	d: ClaimDecision
): BatchItem<'sqlite'>[] {
	const reference = sql`(SELECT number FROM returns WHERE id = ${id})`;
	return [
		// The order gains lines: anyone who read it before must reload.
		expectVersion(ctx, 'order', facts.id, facts.version),
		ctx.db.run(sql`UPDATE orders SET version = version + 1, fulfilment_status = 'partial',
			updated_at = ${ctx.now} WHERE id = ${facts.id}`),
		...d.lines.flatMap((l, i) => {
			const ol = l.orderLine;
			return [
				// Sent again at no charge: the price stays for a later return, net paid is 0.
				ctx.db.insert(orderLines).values({
					orderId: facts.id,
					line: maxLine(facts) + 1 + i,
					kind: 'product',
					productId: ol.productId,
					locationId: ol.locationId,
					sku: ol.sku,
					name: ol.name,
					quantity: l.quantity,
					unitPriceMinor: ol.unitPriceMinor,
					discountMinor: 0,
					netMinor: 0,
					replacesLine: ol.line,
					returnId: id
				}),
				...(ol.productId && ol.locationId
					? reserve(ctx.db, {
							productId: ol.productId,
							locationId: ol.locationId,
							quantity: l.quantity,
							reason: 'claim replacement',
							reference,
							actorId: actorId(ctx),
							at: ctx.now
						})
					: [])
			];
		})
	];
}

function history(
	ctx: Ctx,
	id: string,
	facts: ClaimFacts,
	d: ClaimDecision,
	input: FileClaim
): BatchItem<'sqlite'>[] {
	const units = d.lines.reduce((n, l) => n + l.quantity, 0);
	const money = `${facts.currency} ${(d.refundMinor / 100).toFixed(2)}`;
	const settled = input.resolution === 'refund' ? `refund of ${money}` : 'replacement sent';
	const data = {
		kind: input.kind,
		resolution: input.resolution,
		units,
		refundMinor: d.refundMinor,
		evidenceIds: input.evidenceIds ?? []
	};
	const number = sql`(SELECT number FROM returns WHERE id = ${id})`;
	return [
		timelineEvent(ctx, {
			entityKind: 'return',
			entityId: id,
			orderId: facts.id,
			customerId: facts.customerId,
			kind: 'claim.resolved',
			summary: `Claim (${KIND_WORDS[input.kind]}): ${units} item${units === 1 ? '' : 's'}, ${settled}`,
			data
		}),
		emitEvent(ctx, {
			type: 'claim.opened',
			entityKind: 'return',
			entityId: id,
			data: sql`json_object('id', ${id}, 'number', ${number}, 'orderId', ${facts.id},
				'kind', ${input.kind}, 'resolution', ${input.resolution})`
		}),
		emitEvent(ctx, {
			type: 'claim.resolved',
			entityKind: 'return',
			entityId: id,
			data: sql`json_object('id', ${id}, 'number', ${number}, 'orderId', ${facts.id},
				'resolution', ${input.resolution}, 'refundMinor', ${d.refundMinor})`
		}),
		auditEntry(ctx, {
			action: 'return.claim_file',
			target: { type: 'return', id },
			details: { orderId: facts.id, ...data }
		})
	];
}
