import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { PERMISSIONS, ROLE_PERMISSIONS } from '../../core/access/permissions';
import { SESSION_COOKIE, SESSION_IDLE_MS } from '../../core/access/session-policy';
import { hashToken } from '../../core/access/tokens';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { Forbidden } from '../../core/errors';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { checkSameOrigin } from '../../core/same-origin';
import { changePassword } from './change-password';
import { confirmMfaEnrollment } from './confirm-mfa-enrollment';
import { endSession } from './end-session';
import { listSessions } from './list-sessions';
import {
	ChangePassword,
	Me,
	MfaCode,
	MfaEnrolledResult,
	MfaEnrollment,
	MfaVerifiedResult,
	MySessions,
	PasswordChanged,
	PermissionMap,
	SessionEnded,
	SessionParams,
	SignedOut,
	SignIn,
	SignInResult
} from './schemas';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
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
			summary:
				"Sign in with email and password; sets the session cookie. Also re-authentication: the session this browser held, if the same person's, ends.",
			tags,
			response: SignInResult
		}),
		input('json', SignIn),
		async (c) => {
			// A sign-in form posted from another site must not plant a session (login CSRF).
			checkSameOrigin(c);
			const held = getCookie(c, SESSION_COOKIE, 'host');
			const result = await signIn({
				ctx: getCtx(c),
				input: c.req.valid('json'),
				replacing: held ? hashToken(held) : null
			});
			setSessionCookie(c, result);
			return c.json({ user: result.user, next: result.next });
		}
	)
	.post(
		'/mfa/verify',
		permit('mfa', secret),
		doc({
			summary: 'Finish signing in with an authenticator or recovery code',
			tags,
			response: MfaVerifiedResult
		}),
		input('json', MfaCode),
		async (c) => {
			const result = await verifyMfa({ ctx: getCtx(c), code: c.req.valid('json').code });
			setSessionCookie(c, result.session);
			return c.json({ signedIn: true, next: result.next });
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
			response: MfaEnrolledResult
		}),
		input('json', MfaCode),
		async (c) => {
			const ctx = getCtx(c);
			const result = await confirmMfaEnrollment({ ctx, code: c.req.valid('json').code });
			setSessionCookie(c, result.session);
			const mustChange = ctx.actor?.kind === 'user' && ctx.actor.passwordChangeRequired;
			return c.json({
				recoveryCodes: result.recoveryCodes,
				next: mustChange ? ('change_password' as const) : null
			});
		}
	)
	.post(
		'/password',
		permit('session', { ...secret, duringPasswordChange: true }),
		doc({
			summary: 'Change your password (ends your other sessions)',
			tags,
			response: PasswordChanged
		}),
		input('json', ChangePassword),
		async (c) => {
			const result = await changePassword({ ctx: getCtx(c), input: c.req.valid('json') });
			setSessionCookie(c, result.session);
			return c.json({ changed: true });
		}
	)
	.post(
		'/sign-out',
		// 'mfa': a person who stopped half-way (password given, code not) can sign out too.
		permit('mfa'),
		doc({ summary: 'Sign out of this device', tags, response: SignedOut }),
		async (c) => {
			const result = await signOut({ ctx: getCtx(c) });
			clearSessionCookie(c);
			return c.json(result);
		}
	)
	.get(
		'/me',
		permit('session', { duringPasswordChange: true }),
		doc({ summary: 'Who is signed in', tags, response: Me }),
		(c) => {
			const actor = getCtx(c).actor;
			if (actor?.kind !== 'user')
				throw new Forbidden('not-a-person', 'Only staff sessions have a profile');
			const { id, email, name, role } = actor;
			return c.json({
				user: { id, email, name, role },
				permissions: [...ROLE_PERMISSIONS[role]],
				mfaEnrolled: actor.mfa.enrolledAt !== null,
				passwordChangeRequired: actor.passwordChangeRequired,
				idleTimeoutMs: SESSION_IDLE_MS
			});
		}
	)
	.get(
		'/sessions',
		permit('session'),
		doc({
			summary: 'My live sessions: device, when opened and last used, which is this one',
			tags,
			response: MySessions
		}),
		async (c) => c.json(await listSessions({ ctx: getCtx(c) }))
	)
	.post(
		'/sessions/:id/end',
		permit('session'),
		doc({ summary: 'End one of my sessions', tags, response: SessionEnded }),
		input('param', SessionParams),
		async (c) => c.json(await endSession({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.get(
		'/permissions',
		permit('users.manage'),
		doc({
			summary: 'The permission map: every permission and the roles that hold it',
			tags,
			response: PermissionMap
		}),
		(c) => c.json({ permissions: PERMISSIONS, roles: ROLE_PERMISSIONS })
	);
