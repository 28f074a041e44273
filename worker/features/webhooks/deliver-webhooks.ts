import { sql } from 'drizzle-orm';
import type { Bindings, Ctx } from '../../core/context';
import { openSecret } from '../../lib/secret-box';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff';
import { allowsPrivate } from './endpoint-url';
import { fanOutEvents } from './fan-out';
import { secretContext } from './internal';
import { sendDelivery, SEND_TIMEOUT_MS, type SendOutcome } from './send-delivery';

/** Deliveries claimed at a time, sent CONCURRENCY at once. */
const CLAIM = 100;
const CONCURRENCY = 8;
/** A run stops claiming after this long, so the next minute's run does not overlap it. */
const RUN_BUDGET_MS = 40_000;
/** A claimed delivery whose runner died is due again after this (counted as a try). */
const LEASE_MS = 2 * SEND_TIMEOUT_MS + 60_000;

type Claimed = {
	id: string;
	attempts: number;
	endpointId: string;
	url: string;
	sealed: string;
	active: number;
	eventId: string;
	type: string;
	data: string;
	eventAt: number;
};

export type DeliveryRun = {
	fannedOut: number;
	sent: number;
	delivered: number;
	retrying: number;
	dead: number;
	skipped?: string;
};

/**
 * The `deliver-webhooks` job (every minute): fan new events out to endpoints, then send
 * what is due. Each claim is one statement that leases the rows (attempts + 1, due again
 * after LEASE_MS), so two runners never send one delivery at once and a crashed runner's
 * claim comes back on its own; each round's outcomes are one batch. `random` is the
 * jitter's source (tests pin it).
 */
export async function deliverWebhooks({
	ctx,
	env = {},
	random = Math.random,
	fetcher
}: {
	ctx: Ctx;
	env?: Bindings;
	random?: () => number;
	fetcher?: typeof fetch;
}): Promise<DeliveryRun> {
	const { deliveries } = await fanOutEvents({ ctx });
	const run: DeliveryRun = { fannedOut: deliveries, sent: 0, delivered: 0, retrying: 0, dead: 0 };
	if (!ctx.dataKey) return { ...run, skipped: 'ORDO_DATA_KEY is not set: secrets cannot be read' };
	const allowPrivate = allowsPrivate(env);
	const secrets = new Map<string, Promise<string>>();
	const started = Date.now();
	while (Date.now() - started < RUN_BUDGET_MS) {
		const claimed = await claimDue(ctx);
		if (claimed.length === 0) break;
		const outcomes = await inPool(claimed, async (row): Promise<SendOutcome | null> => {
			if (!row.active) return null;
			let secret = secrets.get(row.endpointId);
			if (!secret) {
				secret = openSecret(ctx.dataKey!, row.sealed, secretContext(row.endpointId)).then((b) =>
					new TextDecoder().decode(b)
				);
				secrets.set(row.endpointId, secret);
			}
			const event = {
				id: row.eventId,
				type: row.type,
				createdAt: row.eventAt,
				data: JSON.parse(row.data) as unknown
			};
			try {
				return await sendDelivery(
					{ deliveryId: row.id, url: row.url, secret: await secret, event },
					{ allowPrivate, fetcher }
				);
			} catch {
				// openSecret refused: the data key is not the one the secret was sealed under.
				return {
					ok: false,
					statusCode: null,
					error: 'Not sent: the signing secret cannot be read (was ORDO_DATA_KEY changed?)'
				};
			}
		});
		await ctx.db.batch(
			claimed.map((row, i) => recordOutcome(ctx, row, outcomes[i] ?? null, random(), run)) as [
				ReturnType<typeof recordOutcome>,
				...ReturnType<typeof recordOutcome>[]
			]
		);
		if (claimed.length < CLAIM) break;
	}
	return run;
}

async function claimDue(ctx: Ctx): Promise<Claimed[]> {
	return ctx.db.all<Claimed>(sql`UPDATE webhook_deliveries
		SET attempts = attempts + 1, last_attempt_at = ${ctx.now}, next_attempt_at = ${ctx.now + LEASE_MS}
		WHERE id IN (SELECT id FROM webhook_deliveries
			WHERE status IN ('pending', 'failed') AND next_attempt_at <= ${ctx.now}
			ORDER BY next_attempt_at LIMIT ${CLAIM})
		RETURNING id, attempts, endpoint_id AS endpointId,
			(SELECT url FROM webhook_endpoints WHERE id = endpoint_id) AS url,
			(SELECT secret_sealed FROM webhook_endpoints WHERE id = endpoint_id) AS sealed,
			(SELECT active FROM webhook_endpoints WHERE id = endpoint_id) AS active,
			event_id AS eventId,
			(SELECT type FROM outbound_events WHERE id = event_id) AS type,
			(SELECT data FROM outbound_events WHERE id = event_id) AS data,
			(SELECT created_at FROM outbound_events WHERE id = event_id) AS eventAt`);
}

/**
 * The row's new state. The WHERE keeps the claim's attempt count, so a person's replay
 * made while the request was in flight (attempts back to 0) is not overwritten.
 */
function recordOutcome(
	ctx: Ctx,
	row: Claimed,
	outcome: SendOutcome | null,
	jitter: number,
	run: DeliveryRun
) {
	const mine = sql`id = ${row.id} AND attempts = ${row.attempts}`;
	if (!outcome) {
		// The endpoint was disabled meanwhile: paused, and the claim is not counted.
		return ctx.db.run(sql`UPDATE webhook_deliveries
			SET attempts = attempts - 1, next_attempt_at = NULL WHERE ${mine}`);
	}
	run.sent++;
	if (outcome.ok) {
		run.delivered++;
		return ctx.db.run(sql`UPDATE webhook_deliveries
			SET status = 'delivered', delivered_at = ${ctx.now}, next_attempt_at = NULL,
				last_status_code = ${outcome.statusCode}, last_error = NULL
			WHERE ${mine}`);
	}
	const dead = row.attempts >= MAX_ATTEMPTS;
	if (dead) run.dead++;
	else run.retrying++;
	return ctx.db.run(sql`UPDATE webhook_deliveries
		SET status = ${dead ? 'dead' : 'failed'},
			next_attempt_at = ${dead ? null : ctx.now + retryDelayMs(row.attempts, jitter)},
			last_status_code = ${outcome.statusCode}, last_error = ${outcome.error}
		WHERE ${mine}`);
}

/** Runs `work` over `items`, at most CONCURRENCY at once, results in order. */
async function inPool<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await work(items[i]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane));
	return results;
}
