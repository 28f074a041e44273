// Step-up re-authentication (OWASP ASVS V6.2.3, PCI DSS 8.2.2 spirit): creating staff,
// changing roles, resetting MFA, setting a temporary password and creating API keys
// need a session whose owner proved who they are (password, plus code where MFA
// applies) within the last 5 minutes. Re-authenticating is the sign-in flow itself.
export const STEP_UP_WINDOW_MS = 5 * 60_000;

export function needsStepUp(authenticatedAt: number, now: number): boolean {
	return now - authenticatedAt > STEP_UP_WINDOW_MS;
}
