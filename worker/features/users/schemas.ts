import * as v from 'valibot';
import { ROLES } from '../../../db/schema/auth';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Time = v.pipe(v.string(), v.isoTimestamp());

export const UserParams = v.object({ id: Id });
export type UserParams = v.InferOutput<typeof UserParams>;

// Names and emails are typed by people, so they go through freeText(): a card number
// pasted into either is refused before anything is stored (PCI DSS 3.3, DESIGN §5).
export const CreateStaffUser = v.object({
	email: v.pipe(
		freeText(254, 1),
		v.toLowerCase(),
		v.email('Enter an email address like name@example.com')
	),
	name: freeText(100, 1),
	role: v.picklist(ROLES, `Choose one of: ${ROLES.join(', ')}`),
	// Only the length ceiling here: the policy (PCI DSS 8.3.6) lives in createUser, so the
	// CLI, the seed and this route all refuse the same passwords with the same message.
	password: v.pipe(v.string(), v.maxLength(256))
});
export type CreateStaffUser = v.InferOutput<typeof CreateStaffUser>;

export const ChangeRole = v.object({
	role: v.picklist(ROLES, `Choose one of: ${ROLES.join(', ')}`)
});
export type ChangeRole = v.InferOutput<typeof ChangeRole>;

export const StaffAccount = v.object({
	id: v.string(),
	email: v.string(),
	name: v.string(),
	role: v.picklist(ROLES),
	disabled: v.boolean(),
	disabledAt: v.nullable(Time),
	lockedUntil: v.nullable(Time),
	lastSignInAt: v.nullable(Time),
	mfaEnrolled: v.boolean(),
	createdAt: Time
});
export type StaffAccount = v.InferOutput<typeof StaffAccount>;

export const StaffAccountList = v.object({ items: v.array(StaffAccount) });
export type StaffAccountList = v.InferOutput<typeof StaffAccountList>;

export const StaffAccountDetail = v.object({
	...StaffAccount.entries,
	activeSessions: v.number()
});
export type StaffAccountDetail = v.InferOutput<typeof StaffAccountDetail>;

export const CreatedStaffUser = v.object({
	id: v.string(),
	email: v.string(),
	name: v.string(),
	role: v.picklist(ROLES)
});

export const SessionsRevoked = v.object({ userId: v.string(), activeSessions: v.number() });
export type SessionsRevoked = v.InferOutput<typeof SessionsRevoked>;

/** Shown once; Ordo keeps only its hash and asks for a new one at first use. */
export const TemporaryPassword = v.object({ temporaryPassword: v.string() });
export type TemporaryPassword = v.InferOutput<typeof TemporaryPassword>;
