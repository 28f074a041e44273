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

export const Me = v.object({ user: StaffUser, permissions: v.array(v.string()) });
export type Me = v.InferOutput<typeof Me>;

export const SignedOut = v.object({ signedOut: v.boolean() });

export const SignedInUser = v.object({ user: StaffUser });
