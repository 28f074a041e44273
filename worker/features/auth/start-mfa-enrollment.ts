import { eq, sql } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Conflict, Unauthenticated, Unavailable } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { sealSecret } from '../../lib/secret-box';
import { auditEntry } from '../audit/record';
import { REAUTH_WINDOW_MS } from './mfa-policy';
import { createTotpSecret, totpUri } from './totp';

export type MfaEnrollment = { secret: string; uri: string };

export function requireUser(ctx: Ctx) {
	const actor = ctx.actor;
	if (actor?.kind !== 'user') throw new Unauthenticated('signed-out', 'Sign in to continue');
	return actor;
}

export function requireDataKey(ctx: Ctx): string {
	if (!ctx.dataKey) {
		throw new Unavailable(
			'not-configured',
			'MFA is not configured on this server',
			'Set ORDO_DATA_KEY.'
		);
	}
	return ctx.dataKey;
}

/**
 * Issues a new TOTP secret, kept as *pending* until a code from it is confirmed,
 * so a half-finished set-up never locks anyone out. The secret is shown once:
 * this route refuses Idempotency-Key replay rather than store it (see routes.ts).
 */
export async function startMfaEnrollment({ ctx }: { ctx: Ctx }): Promise<MfaEnrollment> {
	const actor = requireUser(ctx);
	if (actor.mfa.enrolledAt !== null) {
		throw new Conflict(
			'mfa-already-set-up',
			'Your authenticator is already set up',
			'To move it to a new device, ask an admin to reset your MFA.'
		);
	}
	if (actor.stage === 'full' && ctx.now - actor.authenticatedAt > REAUTH_WINDOW_MS) {
		throw new Unauthenticated(
			'reauthentication-required',
			'Sign in again to set up MFA',
			'For your safety, MFA can only be set up within 10 minutes of signing in.'
		);
	}
	const secret = createTotpSecret();
	const sealed = await sealSecret(requireDataKey(ctx), secret, actor.id);
	const text = encodeBase32UpperCaseNoPadding(secret);
	const uri = totpUri({ secret, accountName: actor.email });
	return mutate<MfaEnrollment>(ctx, {
		writes: [
			ctx.db.update(users).set({ totpPendingSecret: sealed }).where(eq(users.id, actor.id)),
			auditEntry(ctx, { action: 'mfa.enroll_start', target: { type: 'user', id: actor.id } })
		],
		result: sql`json_object('secret', ${text}, 'uri', ${uri})`
	});
}
