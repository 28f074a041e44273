import { and, desc, eq, inArray } from 'drizzle-orm';
import { payments } from '../../../db/schema/payments';
import type { Ctx } from '../../core/context';
import { Conflict } from '../../core/errors';
import { auditEntry } from '../audit/record';
import type { Provider, ProviderEvent, SessionState } from './provider';
import { receiveWebhook, type WebhookSource } from './receive-webhook';
import type { WebhookReceipt } from './schemas';

/**
 * "Did they pay?" without waiting for the webhook: reads the newest pending checkout's
 * status from the provider (never the browser's return redirect) and applies what it says
 * as if the matching event had arrived, through the same inbox, so the webhook that
 * follows is a harmless no-op and two reads of one state apply once.
 */
export async function refreshPayment({
	ctx,
	provider,
	orderId
}: {
	ctx: Ctx;
	provider: Provider;
	orderId: string;
}): Promise<WebhookReceipt> {
	const [pending] = await ctx.db
		.select({ ref: payments.providerRef })
		.from(payments)
		.where(
			and(
				eq(payments.orderId, orderId),
				eq(payments.provider, provider.name),
				inArray(payments.status, ['pending'])
			)
		)
		.orderBy(desc(payments.createdAt))
		.limit(1);
	if (!pending)
		throw new Conflict('no-pending-payment', 'No payment link is waiting on this order');
	const session = await provider.getSession(pending.ref);
	const type =
		session.status === 'expired'
			? 'checkout.session.expired'
			: session.status === 'complete'
				? 'checkout.session.completed'
				: null;
	if (!type) {
		// Nothing to apply, but a person asked: every status read is on the audit log.
		const outcome = 'ignored: the customer has not paid yet';
		await ctx.db.batch([
			auditEntry(ctx, {
				action: 'payment.status_read',
				target: { type: 'order', id: orderId },
				details: { provider: provider.name, session: session.id, outcome }
			})
		]);
		return { received: true, duplicate: false, outcome };
	}
	return applySessionStatus({ ctx, provider, session, source: 'status_read' });
}

/** What a status read found, applied as the matching event (a synthetic, stable id). */
export function applySessionStatus({
	ctx,
	provider,
	session,
	source
}: {
	ctx: Ctx;
	provider: Provider;
	session: SessionState;
	source: WebhookSource;
}): Promise<WebhookReceipt> {
	const type =
		session.status === 'expired' ? 'checkout.session.expired' : 'checkout.session.completed';
	const event: ProviderEvent = {
		id: `status:${session.id}:${session.status}:${session.paymentStatus}`,
		type,
		kind: 'session',
		session
	};
	return receiveWebhook({
		ctx,
		provider,
		event,
		payload: { session: session.id, status: session.status },
		source
	});
}
