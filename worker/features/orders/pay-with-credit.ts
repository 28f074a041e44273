import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { payments } from '../../../db/schema/payments';
import { storeCreditEntries } from '../../../db/schema/returns';
import { actorId, type Ctx } from '../../core/context';
import { timelineEvent } from './timeline';

// Store credit spent on a phone order (issue 11). The debit and the order's payment record
// are written in the placing batch: a spend entry in the customer's ledger (the trigger
// store_credit_no_overdraw refuses one that would take the balance below zero, and the whole
// order with it: two orders racing for the same credit, one wins, the other is a 409) and a
// captured payment of provider 'store_credit' pointing at that entry. Being a payment, it
// counts wherever captures do: the payment link asks only for the rest, and the refunds of a
// cancellation or a return reach it in the usual order (newest capture first: the card taken
// after placing goes back first, the credit last). What goes back to it goes back as credit
// (the trigger refunds_to_store_credit, migration 0032).

export function payWithStoreCredit(
	ctx: Ctx,
	x: {
		orderId: string;
		customerId: string;
		currency: string;
		amountMinor: number;
		/** The whole order is paid: the timeline says so. */
		paysAll: boolean;
	}
): BatchItem<'sqlite'>[] {
	const entryId = crypto.randomUUID();
	const paymentId = crypto.randomUUID();
	const what = `${x.currency} ${(x.amountMinor / 100).toFixed(2)}`;
	return [
		ctx.db.insert(storeCreditEntries).values({
			id: entryId,
			customerId: x.customerId,
			currency: x.currency,
			amountMinor: -x.amountMinor,
			kind: 'spend',
			orderId: x.orderId,
			note: sql`(SELECT 'Spent on ' || number FROM orders WHERE id = ${x.orderId})`,
			idempotencyKey: `spend:${x.orderId}`,
			createdById: actorId(ctx),
			createdAt: ctx.now
		}),
		ctx.db.insert(payments).values({
			id: paymentId,
			orderId: x.orderId,
			provider: 'store_credit',
			providerRef: entryId,
			amountMinor: x.amountMinor,
			currency: x.currency,
			status: 'succeeded',
			capturedMinor: x.amountMinor,
			createdAt: ctx.now,
			updatedAt: ctx.now
		}),
		timelineEvent(ctx, {
			entityKind: 'payment',
			entityId: paymentId,
			orderId: x.orderId,
			customerId: x.customerId,
			kind: 'payment.store_credit',
			summary: x.paysAll
				? `Paid ${what} from store credit: the order is paid`
				: `Paid ${what} from store credit; the rest by payment link`,
			data: { entryId, amountMinor: x.amountMinor }
		})
	];
}
