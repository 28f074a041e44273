import * as v from 'valibot';
import { ROLES } from '../../../db/schema/auth';

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

export const Me = v.object({
	user: StaffUser,
	permissions: v.array(v.string()),
	mfaEnrolled: v.boolean(),
	/** Sessions end after this long without a request (PCI DSS 8.2.8). */
	idleTimeoutMs: v.number()
});
export type Me = v.InferOutput<typeof Me>;

export const SignedOut = v.object({ signedOut: v.boolean() });

export const SignInResult = v.object({
	user: StaffUser,
	/** What the person must do before Ordo opens: null when signed in. */
	next: v.nullable(v.picklist(['mfa_verify', 'mfa_enroll']))
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
