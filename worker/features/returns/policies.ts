import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { actorId } from '../../core/context';
import { Conflict, Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { isoTime } from '../users/internal';
import { currentPolicyRow, policyOf, type PolicyRow } from './internal';
import { DEFAULT_RETURN_POLICY, parseReturnPolicy } from './policy/decide';
import type { PutReturnPolicy, ReturnPolicyView } from './schemas';

/** The policy in force: the highest version, or the built-in default as version 1. */
export async function getReturnPolicy({ ctx }: { ctx: Ctx }): Promise<ReturnPolicyView> {
	const { version, policy, isDefault, row } = policyOf(
		await ctx.db.all<PolicyRow>(currentPolicyRow)
	);
	return {
		version,
		isDefault,
		document: policy as unknown as Record<string, unknown>,
		note: row?.note ?? null,
		createdAt: row?.createdAt ?? null,
		createdBy: row?.createdBy ?? null
	};
}

/**
 * A manager saves the policy: checked by the engine's schema (each problem in words), then
 * written as a NEW version (versions are never edited: a return keeps the one it was
 * authorised under). With no row yet, the default is written first as version 1, so
 * returns authorised under the default keep meaning what they meant.
 */
export async function putReturnPolicy({
	ctx,
	input
}: {
	ctx: Ctx;
	input: PutReturnPolicy;
}): Promise<ReturnPolicyView> {
	const parsed = parseReturnPolicy(input.document);
	if (!parsed.ok)
		throw new Invalid(
			'return-policy-invalid',
			'The policy has problems',
			parsed.problems.join(' '),
			{ document: parsed.problems }
		);
	const current = policyOf(await ctx.db.all<PolicyRow>(currentPolicyRow));
	if (input.version !== undefined && input.version !== current.version)
		throw new Conflict(
			'return-policy-changed',
			'The policy changed since you loaded it',
			`Version ${current.version} was saved after the one you edited (${input.version}). Reload it and make your change again.`
		);
	const next = current.version + 1;
	return mutate<ReturnPolicyView>(ctx, {
		writes: [
			ctx.db.run(
				sql`INSERT INTO return_policies (version, document, note, created_at)
					SELECT 1, ${JSON.stringify(DEFAULT_RETURN_POLICY)}, 'Built-in default', ${ctx.now}
					WHERE NOT EXISTS (SELECT 1 FROM return_policies)`
			),
			// The primary key refuses a second save racing for the same version (409).
			ctx.db.run(
				sql`INSERT INTO return_policies (version, document, note, created_by_id, created_at)
					VALUES (${next}, ${JSON.stringify(parsed.policy)}, ${input.note || null}, ${actorId(ctx)}, ${ctx.now})`
			),
			auditEntry(ctx, {
				action: 'return.policy_update',
				target: { type: 'return_policy', id: String(next) },
				details: { version: next, previous: current.version, note: input.note || null }
			})
		],
		result: sql`SELECT json_object('version', version, 'isDefault', json('false'),
			'document', json(document), 'note', note, 'createdAt', ${isoTime(sql`created_at`)},
			'createdBy', (SELECT name FROM users u WHERE u.id = created_by_id))
			FROM return_policies WHERE version = ${next}`
	});
}
