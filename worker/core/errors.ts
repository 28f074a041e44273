// One error family (STYLE rule 5): domain code throws these, one onError turns
// them into problem+json. `code` is stable and becomes the problem `type`.
export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
	abstract readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;
	/**
	 * RFC 9457 extension members a client acts on without a second request (a stale stock
	 * version's 409 carries the level as it is now). Never overrides the standard members.
	 */
	extensions?: Record<string, unknown>;
	constructor(
		readonly code: string,
		readonly title: string,
		readonly detail?: string,
		readonly errors?: FieldErrors
	) {
		super(detail ?? title);
	}

	/** The same error with extension members added; returns this, for `throw x.with({...})`. */
	with(extensions: Record<string, unknown>): this {
		this.extensions = { ...this.extensions, ...extensions };
		return this;
	}
}

export class Invalid extends DomainError {
	readonly status = 422;
}
export class BadRequest extends DomainError {
	readonly status = 400;
}
export class Unauthenticated extends DomainError {
	readonly status = 401;
}
export class Forbidden extends DomainError {
	readonly status = 403;
}
export class NotFound extends DomainError {
	readonly status = 404;
}
export class Conflict extends DomainError {
	readonly status = 409;
}
export class PreconditionFailed extends DomainError {
	readonly status = 412;
}
/** A body over the route's size limit (a photo larger than the evidence limit). */
export class PayloadTooLarge extends DomainError {
	readonly status = 413;
}
/** A body of a kind the route does not take (a photo that is not JPEG, PNG or WebP). */
export class UnsupportedMediaType extends DomainError {
	readonly status = 415;
}
export class TooManyRequests extends DomainError {
	readonly status = 429;
	constructor(
		code: string,
		title: string,
		detail?: string,
		errors?: FieldErrors,
		/** Sent as Retry-After, so clients and people know when to try again. */
		readonly retryAfterSeconds?: number
	) {
		super(code, title, detail, errors);
	}
}
export class Unavailable extends DomainError {
	readonly status = 503;
}
