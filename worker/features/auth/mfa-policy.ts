import type { Role } from '../../../db/schema/auth';

// PCI DSS 8.4.2 requires MFA for all non-console administrative access: in Ordo
// that is admins and managers (they change roles, policies, refunds and merges).
// Support and warehouse staff may enrol; once enrolled it is always asked.
export const MFA_REQUIRED_ROLES: readonly Role[] = ['admin', 'manager'];

export type SignInNext = 'mfa_verify' | 'mfa_enroll' | 'change_password' | null;

export function nextStepAfterPassword(role: Role, mfaEnrolledAt: number | null): SignInNext {
	if (mfaEnrolledAt !== null) return 'mfa_verify';
	return MFA_REQUIRED_ROLES.includes(role) ? 'mfa_enroll' : null;
}

// Changing a password or the second factor needs a recent proof of identity
// (OWASP ASVS V6.2.3 / V6.3.4): within 10 minutes of signing in.
export const REAUTH_WINDOW_MS = 10 * 60_000;
