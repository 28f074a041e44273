import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../db/schema/auth';
import { api } from '../../worker/app';
import { routeTable } from '../../worker/core/openapi';
import { ALL_PERMISSIONS, roleAllows, type Permission } from '../../worker/core/access/permissions';
import { insertApiKey } from '../support/factories';
import {
	createFixtures,
	EXAMPLES,
	ROUND_TRIP_EXCEPTIONS,
	type Fixtures
} from '../support/route-examples';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let fixtures: Fixtures;
const sessions = {} as Record<Role, Session>;
// One integration key per single permission (written directly, so the people-only
// permissions that keys can no longer be minted with are covered too).
const keys = {} as Record<Permission, string>;
const routes = routeTable(api);
const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

beforeAll(async () => {
	t = await createTestApi();
	fixtures = await createFixtures(t);
	for (const role of ROLES) sessions[role] = await t.signIn(role);
	for (const permission of ALL_PERMISSIONS) {
		keys[permission] = (await insertApiKey(t.db, [permission], `only ${permission}`)).key;
	}
});

const REFUSALS = ['signed-out', 'session-expired', 'not-permitted', 'no-permission-declared'];

/** The access check's own refusal, told apart from a verb's 401/403 (e.g. a failed sign-in). */
async function refusal(res: Response): Promise<string | null> {
	if (res.status !== 401 && res.status !== 403) return null;
	const type = String((await res.clone().json()).type).replace('urn:ordo:problem:', '');
	return REFUSALS.includes(type) ? type : null;
}

function send(key: string, session?: Session, apiKey?: string) {
	const [method] = key.split(' ');
	const example = EXAMPLES[key]!(fixtures);
	const headers: Record<string, string> = {
		...example.headers,
		...(apiKey ? { authorization: `Bearer ${apiKey}` } : {})
	};
	return t.request(example.path, {
		method,
		session,
		json: example.json,
		body: example.body,
		headers
	});
}

describe('route table', () => {
	it('has routes, and every route declares who may call it', () => {
		expect(routes.length).toBeGreaterThan(5);
		const undeclared = routes.filter((r) => r.access === null).map(keyOf);
		expect(undeclared).toEqual([]);
	});

	it('has a request example for every route', () => {
		expect(routes.map(keyOf).filter((k) => !EXAMPLES[k])).toEqual([]);
	});
});

describe('route × role matrix (deny by default)', () => {
	for (const route of routes) {
		const key = keyOf(route);
		it(`${key} answers anonymous and each role as declared (${route.access})`, async () => {
			const anonymous = await send(key);
			expect(await refusal(anonymous)).toBe(route.access === 'public' ? null : 'signed-out');
			for (const role of ROLES) {
				// A sign-out ends the session it is sent with; sign in afresh for each.
				const session = key.endsWith('sign-out') ? await t.signIn(role) : sessions[role];
				const res = await send(key, session);
				const access = route.access!;
				const allowed =
					access === 'public' ||
					access === 'session' ||
					access === 'mfa' ||
					roleAllows(role, access);
				expect(await refusal(res), role).toBe(allowed ? null : 'not-permitted');
				if (!allowed) expect(res.status).toBe(403);
			}
		});
	}
});

describe('route × API-key scope matrix (deny by default)', () => {
	for (const route of routes) {
		const key = keyOf(route);
		it(`${key} answers a key of each single permission as declared (${route.access})`, async () => {
			for (const permission of ALL_PERMISSIONS) {
				const res = await send(key, undefined, keys[permission]);
				// Keys act only within their scope; routes for people ('session', 'mfa') refuse them.
				const allowed = route.access === 'public' || route.access === permission;
				expect(await refusal(res), permission).toBe(allowed ? null : 'not-permitted');
			}
		});
	}
});

describe('one request, one round trip', () => {
	// Step-up routes need a recent sign-in: on a busy machine the blocks before this one can
	// outlast the step-up window, so the admin signs in again here.
	beforeAll(async () => {
		sessions.admin = await t.signIn('admin');
	});
	for (const route of routes.filter((r) => r.method !== 'GET')) {
		const key = keyOf(route);
		if (ROUND_TRIP_EXCEPTIONS[key]) continue;
		it(`${key} does its work in one database round trip`, async () => {
			const session = key.endsWith('sign-out') ? await t.signIn('admin') : sessions.admin;
			const res = await send(key, session);
			expect(res.status).toBeLessThan(300);
			expect(roundTrips(res).domain).toBe(1);
		});
	}

	it('lists only real routes as exceptions', () => {
		const keys = new Set(routes.map(keyOf));
		expect(Object.keys(ROUND_TRIP_EXCEPTIONS).filter((k) => !keys.has(k))).toEqual([]);
	});
});
