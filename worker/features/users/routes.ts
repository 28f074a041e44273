import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { createUser } from '../auth/create-user';
import { changeRole } from './change-role';
import { disableUser } from './disable-user';
import { enableUser } from './enable-user';
import { getUser } from './get-user';
import { listUsers } from './list-users';
import { resetMfa } from './reset-mfa';
import { revokeSessions } from './revoke-sessions';
import {
	ChangeRole,
	CreatedStaffUser,
	CreateStaffUser,
	SessionsRevoked,
	StaffAccount,
	StaffAccountDetail,
	StaffAccountList,
	TemporaryPassword,
	UserParams
} from './schemas';
import { setTemporaryPassword } from './set-temporary-password';
import { signOutElsewhere } from './sign-out-elsewhere';

const tags = ['users'];
// PCI DSS 7.2.1 / 8.2: account and role administration is one named permission (admins).
const manage = () => permit('users.manage');
// Creating staff, changing roles, resetting MFA, setting a temporary password and enabling
// an account (which lifts a lockout) also need a recent proof of identity (step-up, see core/access/step-up.ts).
const manageWithStepUp = (options: { replay?: boolean } = {}) =>
	permit('users.manage', { ...options, stepUp: true });

export const usersRoutes = new Hono<AppEnv>()
	.get(
		'/',
		manage(),
		doc({
			summary: 'Every staff account with role, status, MFA and last sign-in',
			tags,
			response: StaffAccountList
		}),
		async (c) => c.json(await listUsers({ ctx: getCtx(c) }))
	)
	.post(
		'/',
		manageWithStepUp(),
		doc({ summary: 'Create a staff account', tags, status: 201, response: CreatedStaffUser }),
		input('json', CreateStaffUser),
		async (c) =>
			c.json(
				await createUser({
					ctx: getCtx(c),
					// Someone else chose it: the person changes it at first use (PCI DSS 8.3.5).
					input: { ...c.req.valid('json'), passwordChangeRequired: true }
				}),
				201
			)
	)
	// Registered before '/:id/...' so "me" is never read as an account id.
	.post(
		'/me/sessions/revoke',
		permit('session'),
		doc({
			summary: 'Sign out everywhere else: end all my sessions except this one',
			tags,
			response: SessionsRevoked
		}),
		async (c) => c.json(await signOutElsewhere({ ctx: getCtx(c) }))
	)
	.get(
		'/:id',
		manage(),
		doc({
			summary: 'One staff account with its open sessions',
			tags,
			response: StaffAccountDetail
		}),
		input('param', UserParams),
		async (c) => c.json(await getUser({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/role',
		manageWithStepUp(),
		doc({ summary: 'Change the role; ends their sessions', tags, response: StaffAccount }),
		input('param', UserParams),
		input('json', ChangeRole),
		async (c) => {
			const { id } = c.req.valid('param');
			const { role } = c.req.valid('json');
			return c.json(await changeRole({ ctx: getCtx(c), id, role }));
		}
	)
	.post(
		'/:id/disable',
		manage(),
		doc({ summary: 'Disable the account and end its sessions now', tags, response: StaffAccount }),
		input('param', UserParams),
		async (c) => c.json(await disableUser({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/enable',
		// Enabling also lifts a lockout (PCI DSS 8.3.4): as sensitive as a role change.
		manageWithStepUp(),
		doc({ summary: 'Enable the account again (and lift a lockout)', tags, response: StaffAccount }),
		input('param', UserParams),
		async (c) => c.json(await enableUser({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/sessions/revoke',
		manage(),
		doc({ summary: 'Sign this person out everywhere', tags, response: SessionsRevoked }),
		input('param', UserParams),
		async (c) => c.json(await revokeSessions({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/mfa/reset',
		manageWithStepUp(),
		doc({
			summary: 'Clear their authenticator and recovery codes; ends their sessions',
			tags,
			response: StaffAccount
		}),
		input('param', UserParams),
		async (c) => c.json(await resetMfa({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/temporary-password',
		// The answer holds the password: never stored for an Idempotency-Key replay.
		manageWithStepUp({ replay: false }),
		doc({
			summary:
				'Set a temporary password (shown once); ends their sessions; they choose a new one at first use',
			tags,
			response: TemporaryPassword
		}),
		input('param', UserParams),
		async (c) => c.json(await setTemporaryPassword({ ctx: getCtx(c), id: c.req.valid('param').id }))
	);
