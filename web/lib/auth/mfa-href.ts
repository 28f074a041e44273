import type { PathnameWithSearchOrHash } from '$app/types';

/** What the password step says is still to do (POST /api/auth/sign-in `next`). */
export type MfaStep = 'mfa_verify' | 'mfa_enroll';
/** Every step after the password: a second factor, or a password someone else chose. */
export type SignInStep = MfaStep | 'change_password';

/**
 * The page for the second step, carrying on the page the person was heading for.
 * `after` is passed through as it is: the MFA pages check it with safeNext() when
 * they leave, the same as the sign-in page.
 */
export function mfaHref(step: MfaStep, after?: string | null): PathnameWithSearchOrHash {
	const page = step === 'mfa_enroll' ? '/sign-in/mfa-setup' : '/sign-in/mfa';
	return after ? `${page}?next=${encodeURIComponent(after)}` : page;
}

/** The page for any step after the password (see mfaHref for `after`). */
export function stepHref(step: SignInStep, after?: string | null): PathnameWithSearchOrHash {
	if (step !== 'change_password') return mfaHref(step, after);
	const page = '/sign-in/new-password';
	return after ? `${page}?next=${encodeURIComponent(after)}` : page;
}
