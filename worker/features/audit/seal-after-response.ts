import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { drizzleOver } from '../../../db/client';
import type { AppEnv } from '../../core/context';
import { isInner } from '../../core/inner-request';
import { sealAuditLog } from './seal-audit-log';

/**
 * Seals the audit entries a request appended, after its response is sent, so sealing
 * never delays or fails a request. In workerd the work is handed to `waitUntil`; under
 * Node (no ExecutionContext, where Hono's getter throws) the promise simply runs on.
 * Either way a lost run costs nothing but time: the next sealer, or the one that runs
 * before every verify and export, picks up whatever is still unsealed.
 */
export const sealAfterResponse = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	const database = c.get('database');
	// Without the data key nothing can be sealed; verify and export say so to a person.
	const dataKey = c.env?.ORDO_DATA_KEY ?? null;
	if (!database || !dataKey) return;
	// The bare client, not the request's counting one: this is no part of the request's
	// round trips (x-ordo-db-round-trips), which are already reported.
	const sealing = sealAuditLog({ db: drizzleOver(database.client), dataKey }).catch(
		(error: unknown) => logFailure(c, error)
	);
	try {
		c.executionCtx.waitUntil(sealing);
	} catch {
		// Node: no ExecutionContext. Nothing to register with; `sealing` already runs.
	}
});

// Only the request id and the error's name and code: a driver's message can carry SQL
// parameters, i.e. the personal data in the entries (PCI DSS 10.3, GDPR data minimisation).
function logFailure(c: Context<AppEnv>, error: unknown): void {
	const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } };
	const code = e.code ?? e.cause?.code ?? '';
	console.error(
		`audit sealing after request ${c.get('requestId')} failed: ${String(e.name)} ${String(code)}`
	);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * App-wide: seal after every request that may have changed something, so entries from
 * sign-ins, adjustments and every other mutation join the chain within moments rather
 * than at the next audit view. Reads skip it (they append nothing, except audit views,
 * whose routes seal on their own).
 */
export const sealAfterChanges = createMiddleware<AppEnv>(async (c, next) => {
	// An outbox batch's items (core/inner-request.ts): the batch seals once, after its answer.
	if (SAFE_METHODS.has(c.req.method) || isInner(c.req.raw)) return next();
	return sealAfterResponse(c, next);
});
