import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { Forbidden } from '../../core/errors';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { checkSameOrigin } from '../../core/same-origin';
import { PERMISSIONS, ROLE_PERMISSIONS } from './permissions';
import { Me, SignedInUser, SignedOut, SignIn } from './schemas';
import { SESSION_COOKIE } from './session-policy';
import { signIn } from './sign-in';
import { signOut } from './sign-out';

const tags = ['auth'];

function clearSessionCookie(c: Context<AppEnv>) {
	deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
}

export const authRoutes = new Hono<AppEnv>()
	.post(
		'/sign-in',
		permit('public'),
		doc({
			summary: 'Sign in with email and password; sets the session cookie',
			tags,
			response: SignedInUser
		}),
		input('json', SignIn),
		async (c) => {
			// A sign-in form posted from another site must not plant a session (login CSRF).
			checkSameOrigin(c);
			const result = await signIn({ ctx: getCtx(c), input: c.req.valid('json') });
			setCookie(c, SESSION_COOKIE, result.token, {
				path: '/',
				secure: true,
				httpOnly: true,
				sameSite: 'Lax',
				prefix: 'host',
				expires: new Date(result.expiresAt)
			});
			return c.json({ user: result.user });
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
		return c.json({ user: { id, email, name, role }, permissions: [...ROLE_PERMISSIONS[role]] });
	})
	.get(
		'/permissions',
		permit('users.manage'),
		doc({ summary: 'The permission map: every permission and the roles that hold it', tags }),
		(c) => c.json({ permissions: PERMISSIONS, roles: ROLE_PERMISSIONS })
	);
