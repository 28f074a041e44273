import * as v from 'valibot';
import { ROLES } from '../../../db/schema/auth';
import { ALL_PERMISSIONS } from '../../core/access/permissions';

export const Email = v.pipe(
	v.string(),
	v.trim(),
	v.toLowerCase(),
	v.maxLength(254),
	v.email('Enter an email address like name@example.com')
);

export const SignIn = v.object({
	email: Email,
	password: v.pipe(v.string(), v.minLength(1, 'Enter your password'), v.maxLength(256))
});
export type SignIn = v.InferOutput<typeof SignIn>;

export const StaffUser = v.object({
	id: v.string(),
	email: v.string(),
	name: v.string(),
	role: v.picklist(ROLES)
});
export type StaffUser = v.InferOutput<typeof StaffUser>;

export const Permission = v.picklist(ALL_PERMISSIONS);

export const Me = v.object({
	user: StaffUser,
	permissions: v.array(Permission),
	mfaEnrolled: v.boolean(),
	/** Someone else set the password: only changing it is open (PCI DSS 8.3.5). */
	passwordChangeRequired: v.boolean(),
	/** Sessions end after this long without a request (PCI DSS 8.2.8). */
	idleTimeoutMs: v.number()
});
export type Me = v.InferOutput<typeof Me>;

export const SignedOut = v.object({ signedOut: v.boolean() });

export const SignInResult = v.object({
	user: StaffUser,
	/** What the person must do before Ordo opens: null when signed in. */
	next: v.nullable(v.picklist(['mfa_verify', 'mfa_enroll', 'change_password']))
});

export const MfaCode = v.object({
	code: v.pipe(v.string(), v.trim(), v.minLength(6, 'Enter the 6-digit code'), v.maxLength(40))
});
export type MfaCode = v.InferOutput<typeof MfaCode>;

export const MfaEnrollment = v.object({ secret: v.string(), uri: v.string() });
export const MfaRecoveryCodes = v.object({ recoveryCodes: v.array(v.string()) });

export const ChangePassword = v.object({
	currentPassword: v.pipe(
		v.string(),
		v.minLength(1, 'Enter your current password'),
		v.maxLength(256)
	),
	newPassword: v.pipe(v.string(), v.maxLength(256))
});
export type ChangePassword = v.InferOutput<typeof ChangePassword>;

export const PasswordChanged = v.object({ changed: v.boolean() });

export const MfaVerifiedResult = v.object({
	signedIn: v.boolean(),
	next: v.nullable(v.picklist(['change_password']))
});

export const MfaEnrolledResult = v.object({
	recoveryCodes: v.array(v.string()),
	next: v.nullable(v.picklist(['change_password']))
});

export const PermissionMap = v.object({
	permissions: v.record(Permission, v.string()),
	roles: v.record(v.picklist(ROLES), v.array(Permission))
});

const Time = v.pipe(v.string(), v.isoTimestamp());

export const MySession = v.object({
	/** A short reference to the session, enough to end it; never its token. */
	id: v.string(),
	/** "Chrome on Android": browser and system, from fixed names. */
	device: v.string(),
	createdAt: Time,
	lastUsedAt: Time,
	/** The session this request came with. */
	current: v.boolean()
});
export const MySessions = v.object({ items: v.array(MySession) });
export type MySessions = v.InferOutput<typeof MySessions>;

export const SessionParams = v.object({
	id: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/, 'Use a session id from your session list'))
});

export const SessionEnded = v.object({ id: v.string(), ended: v.boolean() });
export type SessionEnded = v.InferOutput<typeof SessionEnded>;
