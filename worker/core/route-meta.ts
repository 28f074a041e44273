import type { GenericSchema } from 'valibot';
import type { Permission } from './access/permissions';

// Metadata hung on the middlewares a route is built from, so the route table
// can be read back from `app.routes`: the OpenAPI document and the route × role
// matrix test both come from what the routes really run, not from a second list.
// 'session': any signed-in person; 'mfa': also one who still owes the second factor.
export type Access = Permission | 'public' | 'session' | 'mfa';
export type InputTarget = 'json' | 'query' | 'param' | 'header';
export type RouteDoc = {
	summary: string;
	tags?: string[];
	status?: number;
	response?: GenericSchema;
	/** Outbox work (contracts: submitWork) must carry an Idempotency-Key: see requireIdempotencyKey. */
	idempotencyKeyRequired?: boolean;
	/** A 2xx answer that is not JSON (a CSV export): its media type in the OpenAPI document. */
	produces?: string;
	/** A raw request body that is not JSON (a photo): its media types in the OpenAPI document. */
	consumes?: string[];
	/**
	 * Worked examples for the OpenAPI document (issue 8: an integrator copies them): a request
	 * body, the answer, and problems by status. Checked against the route's own schemas by
	 * tests/api/integration-api.test.ts, so an example cannot drift from what the route takes.
	 */
	examples?: RouteExamples;
};

export type RouteExamples = {
	request?: unknown;
	response?: unknown;
	problems?: Record<number, { summary: string; value: unknown }>;
};

export type RouteMeta =
	| { kind: 'access'; access: Access; stepUp?: boolean }
	| { kind: 'input'; target: InputTarget; schema: GenericSchema }
	| { kind: 'doc'; doc: RouteDoc };

const META = new WeakMap<object, RouteMeta>();

export function tag<T extends object>(handler: T, meta: RouteMeta): T {
	META.set(handler, meta);
	return handler;
}

export function metaOf(handler: unknown): RouteMeta | undefined {
	return typeof handler === 'function' ? META.get(handler) : undefined;
}
