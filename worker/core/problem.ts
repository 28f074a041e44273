import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldErrors } from './errors';

export const PROBLEM_TYPE_BASE = 'urn:ordo:problem:';

export type Problem = {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: FieldErrors;
	requestId: string;
};

/** An RFC 9457 problem document: stable `type`, a title a person understands. */
export function problem(
	c: Context,
	status: ContentfulStatusCode,
	code: string,
	title: string,
	extra: { detail?: string; errors?: FieldErrors; extensions?: Record<string, unknown> } = {}
): Response {
	const { extensions, ...members } = extra;
	const body: Problem = {
		...extensions,
		type: PROBLEM_TYPE_BASE + code,
		title,
		status,
		...members,
		requestId: c.get('requestId') ?? 'unknown'
	};
	return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}
