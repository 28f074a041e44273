import { expect, test as setup } from '@playwright/test';
import { demoUser } from './fixtures';
import { ADMIN_STATE, callApi, openApp, saveAdminMfa, totpNow } from './staff';

// The demo admin must set up an authenticator before anything else (PCI DSS 8.4.2).
// Done once, through the API, so the journeys can create the people they need; the
// set-up screens themselves are the subject of mfa.spec.ts.
setup('the admin sets up MFA', async ({ page }) => {
	const admin = demoUser('admin');
	await openApp(page);
	const signedIn = await callApi(page, 'POST', '/api/auth/sign-in', {
		email: admin.email,
		password: admin.password
	});
	expect(signedIn.body.next).toBe('mfa_enroll');

	const enrolment = await callApi(page, 'POST', '/api/auth/mfa/enroll');
	expect(enrolment.status, JSON.stringify(enrolment.body)).toBe(200);
	const secret = String(enrolment.body.secret);
	const confirmed = await callApi(page, 'POST', '/api/auth/mfa/enroll/confirm', {
		code: totpNow(secret)
	});
	expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

	saveAdminMfa({ secret, recoveryCodes: confirmed.body.recoveryCodes as string[] });
	await page.context().storageState({ path: ADMIN_STATE });
});
