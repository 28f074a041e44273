import { readFileSync, writeFileSync } from 'node:fs';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import type { Role } from '../../db/schema/auth';

/** The demo admin, signed in with MFA by staff.setup.ts: it creates the journeys' people. */
export const ADMIN_STATE = 'test-results/.auth/admin.json';
const ADMIN_MFA = 'test-results/.auth/admin-mfa.json';

/** Passes the password policy and names nobody the journeys create. */
export const STAFF_PASSWORD = 'quiet harbour ledger 2026';

export type AdminMfa = { secret: string; recoveryCodes: string[] };
export type Staff = { email: string; name: string; password: string; role: Role };

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
 * A new member of staff, made by the admin through the API: every test (and every
 * retry, and each of phone and tablet) gets its own first sign-in and sessions.
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
		const created = await callApi(page, 'POST', '/api/users', staff);
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		return staff;
	} finally {
		await context.close();
	}
}
