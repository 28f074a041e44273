import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { Forbidden } from '../../core/errors';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { checkSameOrigin } from '../../core/same-origin';
import { changePassword } from './change-password';
import { confirmMfaEnrollment } from './confirm-mfa-enrollment';
import { PERMISSIONS, ROLE_PERMISSIONS } from '../../core/access/permissions';
import {
	ChangePassword,
	Me,
	MfaCode,
	MfaEnrollment,
	MfaRecoveryCodes,
	SignedOut,
	SignIn,
	SignInResult
} from './schemas';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { SESSION_IDLE_MS } from '../../core/access/session-policy';
import { signIn } from './sign-in';
import { signOut } from './sign-out';
import { startMfaEnrollment } from './start-mfa-enrollment';
import { verifyMfa } from './verify-mfa';

const tags = ['auth'];
const secret = { replay: false };

export const authRoutes = new Hono<AppEnv>()
	.post(
		'/sign-in',
		permit('public', secret),
		doc({
			summary: 'Sign in with email and password; sets the session cookie',
			tags,
			response: SignInResult
		}),
		input('json', SignIn),
		async (c) => {
			// A sign-in form posted from another site must not plant a session (login CSRF).
			checkSameOrigin(c);
			const result = await signIn({ ctx: getCtx(c), input: c.req.valid('json') });
			setSessionCookie(c, result);
			return c.json({ user: result.user, next: result.next });
		}
	)
	.post(
		'/mfa/verify',
		permit('mfa', secret),
		doc({ summary: 'Finish signing in with an authenticator or recovery code', tags }),
		input('json', MfaCode),
		async (c) => {
			const result = await verifyMfa({ ctx: getCtx(c), code: c.req.valid('json').code });
			setSessionCookie(c, result.session);
			return c.json({ signedIn: true });
		}
	)
	.post(
		'/mfa/enroll',
		permit('mfa', secret),
		doc({
			summary: 'Start setting up an authenticator (secret shown once)',
			tags,
			response: MfaEnrollment
		}),
		async (c) => c.json(await startMfaEnrollment({ ctx: getCtx(c) }))
	)
	.post(
		'/mfa/enroll/confirm',
		permit('mfa', secret),
		doc({
			summary: 'Confirm the authenticator; returns recovery codes once',
			tags,
			response: MfaRecoveryCodes
		}),
		input('json', MfaCode),
		async (c) => {
			const result = await confirmMfaEnrollment({ ctx: getCtx(c), code: c.req.valid('json').code });
			setSessionCookie(c, result.session);
			return c.json({ recoveryCodes: result.recoveryCodes });
		}
	)
	.post(
		'/password',
		permit('session', secret),
		doc({ summary: 'Change your password (ends your other sessions)', tags }),
		input('json', ChangePassword),
		async (c) => {
			const result = await changePassword({ ctx: getCtx(c), input: c.req.valid('json') });
			setSessionCookie(c, result.session);
			return c.json({ changed: true });
		}
	)
	.post(
		'/sign-out',
		permit('session'),
		doc({ summary: 'Sign out of this device', tags, response: SignedOut }),
		async (c) => {
			const result = await signOut({ ctx: getCtx(c) });
			clearSessionCookie(c);
			return c.json(result);
		}
	)
	.get('/me', permit('session'), doc({ summary: 'Who is signed in', tags, response: Me }), (c) => {
		const actor = getCtx(c).actor;
		if (actor?.kind !== 'user')
			throw new Forbidden('not-a-person', 'Only staff sessions have a profile');
		const { id, email, name, role } = actor;
		return c.json({
			user: { id, email, name, role },
			permissions: [...ROLE_PERMISSIONS[role]],
			mfaEnrolled: actor.mfa.enrolledAt !== null,
			idleTimeoutMs: SESSION_IDLE_MS
		});
	})
	.get(
		'/permissions',
		permit('users.manage'),
		doc({ summary: 'The permission map: every permission and the roles that hold it', tags }),
		(c) => c.json({ permissions: PERMISSIONS, roles: ROLE_PERMISSIONS })
	);
