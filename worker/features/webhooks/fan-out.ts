import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';

/** Events looked at per endpoint and run: a backlog spreads over runs. */
export const FAN_OUT_CHUNK = 5_000;

/**
 * Makes a delivery for every new event that an active endpoint's filters match, in one
 * batch: each endpoint walks the events after its cursor by rowid (commit order, see
 * db/schema/webhooks.ts), and its cursor moves in the same transaction, so an event is
 * fanned out once however many runners there are (the UNIQUE (event, endpoint) index
 * makes a repeat a no-op). Filters are GLOB patterns: `order.*` matches `order.paid`.
 * `webhook.*` (test pings) never fans out: those are made for one endpoint.
 */
export async function fanOutEvents({ ctx }: { ctx: Ctx }): Promise<{ deliveries: number }> {
	const newest = sql`(SELECT coalesce(max(rowid), 0) FROM outbound_events)`;
	const [inserted] = await ctx.db.batch([
		ctx.db.run(sql`INSERT INTO webhook_deliveries
				(id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at)
			SELECT lower(hex(randomblob(16))), e.id, ep.id, 'pending', 0, ${ctx.now}, ${ctx.now}
			FROM webhook_endpoints ep
			JOIN outbound_events e
				ON e.rowid > ep.fanned_out_to AND e.rowid <= ep.fanned_out_to + ${FAN_OUT_CHUNK}
			WHERE ep.active
				AND e.type NOT GLOB 'webhook.*'
				AND EXISTS (SELECT 1 FROM json_each(ep.events) f WHERE e.type GLOB f.value)
			ON CONFLICT DO NOTHING`),
		ctx.db.run(sql`UPDATE webhook_endpoints
			SET fanned_out_to = min(fanned_out_to + ${FAN_OUT_CHUNK}, ${newest})
			WHERE active AND fanned_out_to < ${newest}`)
	]);
	return { deliveries: inserted.rowsAffected };
}
