import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './context';
import { fromConstraintError } from './constraint-errors';
import { DomainError, TooManyRequests } from './errors';
import { problem } from './problem';

/** The one place errors become responses: problem+json, never a stack trace. */
export function onError(error: Error, c: Context<AppEnv>): Response {
	const known = error instanceof DomainError ? error : fromConstraintError(error);
	if (known) {
		if (known instanceof TooManyRequests && known.retryAfterSeconds) {
			c.header('retry-after', String(known.retryAfterSeconds));
		}
		return problem(c, known.status, known.code, known.title, {
			detail: known.detail,
			errors: known.errors,
			extensions: known.extensions
		});
	}
	if (error instanceof HTTPException && error.status < 500) {
		const malformed = /json/i.test(error.message);
		return problem(
			c,
			error.status as 400,
			malformed ? 'malformed-body' : 'bad-request',
			malformed ? 'The request body is not valid JSON' : 'The request could not be read',
			{ detail: malformed ? 'Send a JSON object with Content-Type: application/json.' : undefined }
		);
	}
	// Unknown failures are logged by request id only: no bodies, no personal data.
	// (A driver's message can carry SQL parameters, so only the name and code are logged.)
	const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown })?.code;
	console.error(`request ${c.get('requestId')} failed: ${error.name} ${String(code ?? '')}`);
	return problem(c, 500, 'internal', 'Something went wrong on our side', {
		detail: 'Nothing was changed. Try again; if it keeps failing, quote the request id to support.'
	});
}
