import { Conflict, DomainError, Invalid } from './errors';

// Invariants live in the database (DESIGN §3); a batch that breaks one fails whole
// and the constraint's name says which. Each maps to an error a person can act on.
const BY_CONSTRAINT: Record<string, () => DomainError> = {
	stock_levels_on_hand_covers_reserved: () =>
		new Conflict(
			'insufficient-stock',
			'Not enough stock',
			'This would leave less stock on hand than is reserved for orders at that location.'
		),
	stock_levels_reserved_nonnegative: () =>
		new Conflict('reservation-underflow', 'Nothing reserved to release'),
	'idempotency_keys.scope, idempotency_keys.key': () =>
		new Conflict(
			'idempotency-in-flight',
			'Request already in progress',
			'Another request with this Idempotency-Key was processed at the same moment. Retry to get its result.'
		)
};

type SqliteErrorLike = { code?: unknown; message?: unknown; cause?: unknown };

function findSqliteError(error: unknown): SqliteErrorLike | null {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const e = current as SqliteErrorLike;
		if (typeof e.code === 'string' && e.code.startsWith('SQLITE_')) return e;
		current = e.cause;
	}
	return null;
}

/** Turns a constraint or RAISE(ABORT) failure into a DomainError; null if it is not one. */
export function fromConstraintError(error: unknown): DomainError | null {
	const e = findSqliteError(error);
	if (!e || typeof e.message !== 'string') return null;
	const message = e.message;
	for (const [name, make] of Object.entries(BY_CONSTRAINT)) {
		if (message.includes(name)) return make();
	}
	if (String(e.code).startsWith('SQLITE_CONSTRAINT')) {
		const raised = /SQLITE_CONSTRAINT(?:_TRIGGER)?: (.+)$/.exec(message)?.[1];
		if (String(e.code) === 'SQLITE_CONSTRAINT_TRIGGER' && raised) {
			return new Conflict('rule-violated', 'This change breaks a rule', raised);
		}
		if (message.includes('FOREIGN KEY')) {
			return new Invalid('unknown-reference', 'Something this refers to does not exist');
		}
		return new Conflict('constraint-violated', 'This change conflicts with existing data');
	}
	return null;
}

export function registerConstraintError(name: string, make: () => DomainError): void {
	BY_CONSTRAINT[name] = make;
}
