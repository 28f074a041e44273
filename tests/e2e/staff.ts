import { readFileSync, writeFileSync } from 'node:fs';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import type { Role } from '../../db/schema/auth';
import { demoUser } from './fixtures';

/** The demo admin, signed in with MFA by staff.setup.ts: it creates the journeys' people. */
export const ADMIN_STATE = 'test-results/.auth/admin.json';
const ADMIN_MFA = 'test-results/.auth/admin-mfa.json';

/** Passes the password policy and names nobody the journeys create. */
export const STAFF_PASSWORD = 'quiet harbour ledger 2026';

export type AdminMfa = { secret: string; recoveryCodes: string[] };
export type Staff = {
	email: string;
	name: string;
	password: string;
	role: Role;
	/**
	 * Set while the person still signs in with the admin's first password: those who owe
	 * a second factor (managers) choose their own after it, on the "Choose a new password"
	 * step; `password` is the one they choose there.
	 */
	firstPassword?: string;
};

export function saveAdminMfa(mfa: AdminMfa): void {
	writeFileSync(ADMIN_MFA, JSON.stringify(mfa));
}

export function readAdminMfa(): AdminMfa {
	return JSON.parse(readFileSync(ADMIN_MFA, 'utf8')) as AdminMfa;
}

/**
 * Opens a page of the app to make API calls from. Not an /api address: API answers
 * carry a deny-all CSP, so a document loaded from one may not fetch anything.
 */
export async function openApp(page: Page): Promise<void> {
	await page.goto('/sign-in');
}

/**
 * A call to the API from inside the page, so it is same-origin as the app's own calls
 * (Sec-Fetch-Site), with the page's cookie.
 */
export async function callApi(page: Page, method: string, path: string, body?: unknown) {
	return page.evaluate(
		async ({ method, path, body }) => {
			const response = await fetch(path, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		},
		{ method, path, body }
	);
}

/** The code an authenticator app shows now for a base32 set-up key. */
export function totpNow(key: string): string {
	return generateTOTP(decodeBase32IgnorePadding(key.replace(/\s/g, '')), 30, 6);
}

/** The 30-second TOTP step a code made now belongs to. */
export const totpStep = (at = Date.now()) => Math.floor(at / 30_000);

const NAMES: Record<Role, string> = {
	admin: 'Priya Okafor',
	manager: 'Morgan Ellis',
	support: 'Dana Whitfield',
	warehouse: 'Tomasz Brennan'
};

/**
 * Step-up re-authentication for the admin's page: creating staff and API keys needs a
 * sign-in within the last 5 minutes. Signs the demo admin in again (password, then a
 * TOTP code); a code whose step another journey already spent waits for the next step.
 */
export async function reauthenticateAdmin(page: Page): Promise<void> {
	const admin = demoUser('admin');
	const { secret } = readAdminMfa();
	// Signing in with the same person's cookie ends that session; other journeys may be
	// using it (ADMIN_STATE), so this page starts a session of its own instead.
	await page.context().clearCookies();
	for (let attempt = 0; attempt < 3; attempt++) {
		const signedIn = await callApi(page, 'POST', '/api/auth/sign-in', {
			email: admin.email,
			password: admin.password
		});
		expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
		const code = totpNow(secret);
		const verified = await callApi(page, 'POST', '/api/auth/mfa/verify', { code });
		if (verified.status === 200) return;
		await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 250);
	}
	throw new Error('the admin could not re-authenticate');
}

// What the admin types as a new person's first password; the person replaces it with
// STAFF_PASSWORD at first sign-in (PCI DSS 8.3.5), as a real new hire would.
const FIRST_PASSWORD = 'first quiet harbour ledger 2026';

/**
 * A new member of staff, made by the admin through the API: every test (and every
 * retry, and each of phone and tablet) gets its own first sign-in and sessions. Their
 * first password is already replaced by STAFF_PASSWORD when this returns.
 */
export async function createStaff(
	browser: Browser,
	testInfo: TestInfo,
	role: Role,
	name = NAMES[role]
): Promise<Staff> {
	const context = await browser.newContext({
		storageState: ADMIN_STATE,
		baseURL: testInfo.project.use.baseURL
	});
	try {
		const page = await context.newPage();
		await openApp(page);
		const unique = `${testInfo.project.name}-${testInfo.retry}-${Date.now().toString(36)}`;
		const email = `e2e-${role}-${unique}@ordo.test`;
		const staff = { email, name, password: STAFF_PASSWORD, role };
		const create = () =>
			callApi(page, 'POST', '/api/users', { ...staff, password: FIRST_PASSWORD });
		let created = await create();
		const stale =
			created.status === 401 ||
			(created.status === 403 && String(created.body.type).endsWith(':reauth-required'));
		if (stale) {
			await reauthenticateAdmin(page);
			await context.storageState({ path: ADMIN_STATE });
			created = await create();
		}
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		const chosen = await chooseOwnPassword(browser, testInfo, email);
		return chosen ? staff : { ...staff, firstPassword: FIRST_PASSWORD };
	} finally {
		await context.close();
	}
}

/**
 * The new person's first sign-in, through the API: their own password replaces the first.
 * False when a second factor comes first (it cannot be skipped to change the password).
 */
async function chooseOwnPassword(
	browser: Browser,
	testInfo: TestInfo,
	email: string
): Promise<boolean> {
	const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
	try {
		const page = await context.newPage();
		await openApp(page);
		const signedIn = await callApi(page, 'POST', '/api/auth/sign-in', {
			email,
			password: FIRST_PASSWORD
		});
		expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
		if (signedIn.body.next !== 'change_password') {
			await callApi(page, 'POST', '/api/auth/sign-out');
			return false;
		}
		const changed = await callApi(page, 'POST', '/api/auth/password', {
			currentPassword: FIRST_PASSWORD,
			newPassword: STAFF_PASSWORD
		});
		expect(changed.status, JSON.stringify(changed.body)).toBe(200);
		await callApi(page, 'POST', '/api/auth/sign-out');
		return true;
	} finally {
		await context.close();
	}
}
