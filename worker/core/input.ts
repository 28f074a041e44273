import { vValidator } from '@hono/valibot-validator';
import * as v from 'valibot';
import { Invalid, type FieldErrors } from './errors';
import { tag, type InputTarget } from './route-meta';

function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of issues) {
		const path = issue.path?.map((p) => String(p.key)).join('.') || '_';
		(out[path] ??= []).push(issue.message);
	}
	return out;
}

/**
 * Validates one part of the request with a valibot schema (DESIGN §7). A failure
 * is a 422 problem naming each field, before anything runs.
 */
export function input<T extends InputTarget, S extends v.GenericSchema>(target: T, schema: S) {
	const middleware = vValidator(target, schema, (result) => {
		if (!result.success) {
			throw new Invalid(
				'invalid-input',
				'Some fields need attention',
				'Correct the fields listed in `errors` and send the request again.',
				fieldErrors(result.issues)
			);
		}
	});
	return tag(middleware, { kind: 'input', target, schema });
}
