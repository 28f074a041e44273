import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../db/schema/auth';
import { api } from '../../worker/app';
import { routeTable, type RouteInfo } from '../../worker/core/openapi';
import { roleAllows } from '../../worker/core/access/permissions';
import { createFixtures, EXAMPLES, type Fixtures } from '../support/route-examples';
import { createPaymentsTestApi, type PaymentsTestApi } from '../support/payments-harness';
import type { Session } from '../support/test-api';

// PCI DSS 3.3/3.4: no card number is stored anywhere in Ordo. A hostile pass found the
// customer routes storing "4111 1111 1111 1111" in names, notes, tags, emails and address
// lines because their schemas did not use freeText(). The guard now sits in input() for
// every string of every request; this file proves it from the route table: every string
// leaf of every route's JSON example (nested too) is replaced by a card number written a
// different way each time, and the answer must be a 422 naming that field. A new route or
// field is covered the day it is added.

const CARD_FORMS = [
	'4111 1111 1111 1111',
	'5555-5555-5555-4444',
	'３７８２ ８２２４６３ １０００５', // full-width digits (Amex test number)
	'4111\u20281111\u20291111\u00a01111', // line/paragraph separators and a no-break space
	'4111\u200b1111\u20091111\u202f1111' // zero-width and thin spaces
];

let t: PaymentsTestApi;
let fixtures: Fixtures;
const sessions = {} as Record<Role, Session>;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	fixtures = await createFixtures(t);
	for (const role of ROLES) sessions[role] = await t.signIn(role);
});

afterAll(() => t.close());

function accessRole(route: RouteInfo): Role | null {
	const access = route.access;
	if (!access) return null;
	if (access === 'public' || access === 'session' || access === 'mfa') return 'admin';
	return ROLES.find((role) => roleAllows(role, access)) ?? null;
}

type Leaf = { path: (string | number)[] };

/** Every string in the example body, with its path. */
function stringLeaves(value: unknown, path: (string | number)[] = []): Leaf[] {
	if (typeof value === 'string') return [{ path }];
	if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
	return [];
}

function replaced(body: unknown, path: (string | number)[], text: string): unknown {
	if (path.length === 0) return text;
	const [head, ...rest] = path;
	if (Array.isArray(body)) return body.map((v, i) => (i === head ? replaced(v, rest, text) : v));
	const object = body as Record<string, unknown>;
	return { ...object, [head!]: replaced(object[head!], rest, text) };
}

// A whole CSV file is not one value: its cells are checked one by one, and a card number in a
// cell is a 422 naming its line (orders-import.test.ts, customers-import.test.ts).
const WHOLE_FILES = new Set(['csv', 'csvGzip']);

// Passwords are hashed and never stored; a card number there is refused all the same.
describe('a card number in any JSON string of any route is refused with a 422 naming it', () => {
	let form = 0;
	for (const route of routeTable(api)) {
		const key = `${route.method} ${route.path}`;
		const role = accessRole(route);
		const example = EXAMPLES[key];
		if (!role || !example || route.method === 'GET') continue;
		it(key, async () => {
			const { json } = example(fixtures);
			const leaves = stringLeaves(json).filter((l) => !WHOLE_FILES.has(String(l.path.at(-1))));
			for (const leaf of leaves) {
				const card = CARD_FORMS[form++ % CARD_FORMS.length]!;
				// A sign-out or password change ends the session it is sent with.
				const session = /^POST \/api\/auth\/(password|sign-out)$/.test(key)
					? await t.signIn('admin')
					: sessions[role];
				const { path, headers } = example(fixtures);
				const res = await t.request(path, {
					method: route.method,
					session,
					headers,
					json: replaced(json, leaf.path, card)
				});
				const where = `${key} ${leaf.path.join('.')} = ${JSON.stringify(card)}`;
				expect(res.status, where).toBe(422);
				const body = (await res.json()) as { errors?: Record<string, string[]> };
				const named = Object.entries(body.errors ?? {}).some(
					([field, messages]) =>
						field === leaf.path.join('.') &&
						messages.some((m) => /card number/i.test(m) || /base64/i.test(m))
				);
				const anyCard = JSON.stringify(body).toLowerCase().includes('card number');
				expect(named || anyCard, `${where}: ${JSON.stringify(body)}`).toBe(true);
			}
		});
	}
});
