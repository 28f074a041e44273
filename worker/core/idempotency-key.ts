import * as v from 'valibot';
import { input } from './input';
import { NOT_STORED_TEXT } from './readable-text';

const MISSING =
	'Send an Idempotency-Key header (a new random value per change, the same one on every retry of it), so a retry applies once.';

// permit() handles the key on every mutating route (replay, scope, request hash); this makes
// it REQUIRED where a retry without one would apply twice: stock deltas from an external
// system, work the offline outbox resends. A missing key is a 422 before anything runs.
export const RequiredIdempotencyKey = v.object(
	{
		'idempotency-key': v.pipe(
			v.string(MISSING),
			v.regex(/^[\x21-\x7e]{1,255}$/, 'Idempotency-Key must be 1–255 visible ASCII characters'),
			v.metadata(NOT_STORED_TEXT)
		)
		// (The object's message is what valibot says for a missing key.)
	},
	MISSING
);

/** Put after permit(): `input('header', …)`, so the OpenAPI document marks the header required. */
export function requireIdempotencyKey() {
	return input('header', RequiredIdempotencyKey);
}
