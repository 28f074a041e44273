import { vValidator } from '@hono/valibot-validator';
import * as v from 'valibot';
import { Invalid, type FieldErrors } from './errors';
import { unreadableFields } from './readable-text';
import { tag, type InputTarget } from './route-meta';

function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of issues) {
		const path = issue.path?.map((p) => String(p.key)).join('.') || '_';
		(out[path] ??= []).push(issue.message);
	}
	return out;
}

// Every string anywhere in the target is checked for characters no field takes (NUL and
// other controls, lone surrogates: worker/core/readable-text.ts) BEFORE the route's schema
// runs, so no route can forget it and no transform (trim, toNumber) can hide it. Pipe items
// after a failed check do not run, so a refused value never reaches the schema.
function refusingUnreadable<S extends v.GenericSchema>(schema: S): S {
	return v.pipe(
		v.unknown(),
		v.rawCheck(({ dataset, addIssue }) => {
			for (const { path, message } of unreadableFields(schema, dataset.value)) {
				const [first, ...rest] = path.map((key) => ({
					type: 'object' as const,
					origin: 'value' as const,
					input: {},
					key,
					value: undefined
				}));
				addIssue({ message, path: first ? [first, ...rest] : undefined });
			}
		}),
		schema
	) as unknown as S;
}

/**
 * Validates one part of the request with a valibot schema (DESIGN §7). A failure
 * is a 422 problem naming each field, before anything runs.
 */
export function input<T extends InputTarget, S extends v.GenericSchema>(target: T, schema: S) {
	const middleware = vValidator(target, refusingUnreadable(schema), (result) => {
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
