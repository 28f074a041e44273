// The Worker's `scheduled` handler in workerd over libSQL HTTP: a Cron Trigger's event
// runs the jobs of its schedule (worker/features/maintenance/jobs.ts). The built bundle's
// entry exporting it is checked by tests/edge/built-worker.ts.
import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema/auth';
import { stockLevels } from '../../db/schema/inventory';
import { orders } from '../../db/schema/orders';
import { customerNotifications } from '../../db/schema/returns';
import { UNPAID_HOLD_MS } from '../../worker/features/orders/expire-unpaid';
import { EXPIRED_SESSION_GRACE_MS } from '../../worker/features/maintenance/retention';
import { scheduled } from '../../worker/scheduled';
import { createUser, TEST_DATA_KEY } from '../support/factories';
import { createPendingOrder } from '../support/orders-factory';
import { shopApi } from './edge-api';

const t = await shopApi();
afterAll(() => t.client.close());

/** What Cloudflare hands the handler, with waitUntil's promises kept to await. */
function trigger(cron: string) {
	const pending: Promise<unknown>[] = [];
	const controller = { cron, scheduledTime: Date.now(), noRetry() {} };
	const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException() {} };
	return {
		controller: controller as unknown as ScheduledController,
		ctx: ctx as unknown as ExecutionContext,
		settled: () => Promise.all(pending)
	};
}

describe('scheduled handler in workerd (happy)', () => {
	it('the quarter-hour trigger prunes a long-expired session and keeps a live one', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const now = Date.now();
		const expiredAt = now - EXPIRED_SESSION_GRACE_MS - 60_000;
		const row = (id: string, at: number) => ({
			id,
			userId: user.id,
			createdAt: at - 60_000,
			lastUsedAt: at - 60_000,
			idleExpiresAt: at,
			absoluteExpiresAt: at
		});
		const expired = `edge-expired-${crypto.randomUUID()}`;
		const live = `edge-live-${crypto.randomUUID()}`;
		await t.db.insert(sessions).values([row(expired, expiredAt), row(live, now + 600_000)]);

		const { controller, ctx, settled } = trigger('*/15 * * * *');
		scheduled(controller, { LIBSQL_URL: t.url, ORDO_DATA_KEY: TEST_DATA_KEY }, ctx);
		const [outcomes] = (await settled()) as [{ job: string; ok: boolean }[]];

		expect(outcomes.map((o) => [o.job, o.ok])).toEqual([
			['prune-expired', true],
			['flush-refusals', true],
			['reconcile-payments', true],
			['retry-webhooks', true],
			['send-refunds', true],
			['expire-unpaid-orders', true],
			['refresh-duplicates', true],
			['expire-returns', true],
			['seal-audit', true]
		]);
		expect(await t.db.select().from(sessions).where(eq(sessions.id, expired))).toEqual([]);
		expect(await t.db.select().from(sessions).where(eq(sessions.id, live))).toHaveLength(1);
	});
});

describe('the minute trigger in workerd (happy)', () => {
	it('runs the webhook and customer-notification delivery jobs', async () => {
		// A message waiting in the outbox: the embedded default marks it shown in Ordo.
		const message = crypto.randomUUID();
		await t.db.insert(customerNotifications).values({
			id: message,
			template: 'return.authorised',
			subject: 'Your return',
			body: 'We have authorised your return.',
			createdAt: Date.now() - 1000
		});
		const { controller, ctx, settled } = trigger('* * * * *');
		scheduled(controller, { LIBSQL_URL: t.url, ORDO_DATA_KEY: TEST_DATA_KEY }, ctx);
		const [outcomes] = (await settled()) as [{ job: string; ok: boolean }[]];
		expect(outcomes.map((o) => [o.job, o.ok])).toEqual([
			['deliver-webhooks', true],
			['deliver-notifications', true]
		]);
		const [row] = await t.db
			.select()
			.from(customerNotifications)
			.where(eq(customerNotifications.id, message));
		expect(row).toMatchObject({ status: 'sent', sentVia: 'ui', attempts: 1 });
	});
});

describe('reservation expiry in workerd (happy)', () => {
	it('the quarter-hour trigger cancels an order unpaid past its hold and frees its stock', async () => {
		const order = await createPendingOrder(t.db, { quantity: 2 });
		await t.db
			.update(orders)
			.set({ placedAt: Date.now() - UNPAID_HOLD_MS - 60_000 })
			.where(eq(orders.id, order.id));
		const { controller, ctx, settled } = trigger('*/15 * * * *');
		// No payment provider configured: the payment jobs say so and the expiry still runs.
		scheduled(controller, { LIBSQL_URL: t.url, ORDO_DATA_KEY: TEST_DATA_KEY }, ctx);
		const [outcomes] = (await settled()) as [{ job: string; ok: boolean; result: unknown }[]];
		expect(outcomes.find((o) => o.job === 'reconcile-payments')?.result).toEqual({
			skipped: 'payments are not configured'
		});
		const [row] = await t.db.select().from(orders).where(eq(orders.id, order.id));
		expect(row!.status).toBe('cancelled');
		const [level] = await t.db
			.select()
			.from(stockLevels)
			.where(eq(stockLevels.productId, order.productId));
		expect(level!.reserved).toBe(0);
	});
});
