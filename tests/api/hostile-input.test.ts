import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../db/schema/auth';
import { api } from '../../worker/app';
import { routeTable, type RouteInfo } from '../../worker/core/openapi';
import { roleAllows } from '../../worker/core/access/permissions';
import { createFixtures, EXAMPLES, type Fixtures } from '../support/route-examples';
import { createPaymentsTestApi, type PaymentsTestApi } from '../support/payments-harness';
import type { Session } from '../support/test-api';

// Issue 6, 3.3: a NUL in a search was a 500. Every route's string fields (json, query,
// path) get generated hostile text, sent by a role the route admits, and no answer may be
// a 5xx. The fields come from the routes' own valibot schemas (the route table), so a new
// route or field is attacked from the day it is added.

// With the sandbox payment provider configured, payment routes reach their verbs too.
let t: PaymentsTestApi;
let fixtures: Fixtures;
const sessions = {} as Record<Role, Session>;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	fixtures = await createFixtures(t);
	for (const role of ROLES) sessions[role] = await t.signIn(role);
});

afterAll(() => t.close());

describe('characters no field takes (422 naming the field)', () => {
	it('answers deeply nested JSON with a 422, signed out too, not a 500', async () => {
		for (const body of [
			'['.repeat(5000) + ']'.repeat(5000),
			'{"a":'.repeat(5000) + '1' + '}'.repeat(5000)
		]) {
			const res = await t.request('/api/auth/sign-in', {
				method: 'POST',
				body,
				headers: { 'content-type': 'application/json' }
			});
			expect(res.status).toBe(422);
			expect(res.headers.get('content-type')).toMatch(/problem\+json/);
		}
	});

	const warehouse = () => sessions.warehouse;

	it('refuses a NUL in a search instead of failing with a 500', async () => {
		const res = await t.request('/api/inventory/products?q=glo%00be', { session: warehouse() });
		expect(res.status).toBe(422);
		const body = await res.json();
		expect(body.errors.q.join(' ')).toMatch(/null character.*character 4/);
	});

	const adjust = (reason: string) =>
		t.request('/api/inventory/adjustments', {
			method: 'POST',
			session: warehouse(),
			json: { productId: fixtures.productId, locationId: fixtures.locationId, delta: 1, reason }
		});

	it.each([
		['an escape character', 'count \u001b[2J', /invisible control character \(U\+001B\)/],
		['a C1 control (NEL)', 'count\u0085', /U\+0085/],
		['DEL', 'count\u007f', /U\+007F/],
		['a lone surrogate', 'count \ud83d', /broken character/],
		[
			'a right-to-left override',
			'count \u202elive\u202c',
			/text-direction control at character 7 \(U\+202E\)/
		],
		['a tab in a one-line field', 'count\tagain', /one line: remove a tab/],
		['a line break in a one-line field', 'count\nagain', /one line: remove a line break/]
	])('refuses %s in a JSON field, naming it', async (_, reason, message) => {
		const res = await adjust(reason);
		expect(res.status).toBe(422);
		expect((await res.json()).errors.reason.join(' ')).toMatch(message);
	});

	it('refuses a control character in a field the schema does not know', async () => {
		const res = await t.request(`/api/inventory/products?q=globe&x=%07`, { session: warehouse() });
		expect(res.status).toBe(422);
		expect(Object.keys((await res.json()).errors)).toEqual(['x']);
	});

	it('still takes ordinary text with accents, emoji and other scripts', async () => {
		const res = await adjust('Zählung ✔ 😀 棚卸し');
		expect(res.status).toBe(201);
	});
});

// ---- generated hostile input for every route ----

const FTS5_AND_SQL = ['"', '*', 'NEAR(', 'NEAR(a b, 2)', '^', ')', '(', 'OR', 'AND', 'NOT', '-'];
const ODD = ['\0', '\u0085', '\ud800', '\udfff', '\u202e', '\ufeff', '%', '_', "'", '\\', ':', '+'];
const piece = fc.oneof(
	fc.constantFrom(...FTS5_AND_SQL, ...ODD),
	fc.string({ unit: 'binary', maxLength: 12 }),
	fc.string({ unit: 'grapheme', maxLength: 12 })
);
const hostile = fc.oneof(
	{ weight: 4, arbitrary: fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
	{ weight: 1, arbitrary: fc.constantFrom('', ' ', '0', '-1', '1e309', 'null', 'true', '[]') },
	{ weight: 1, arbitrary: fc.integer({ min: 300, max: 200_000 }).map((n) => 'x'.repeat(n)) }
);
// Query and path text are bytes: sometimes send bytes that are not UTF-8 at all.
const encoded = fc.oneof(
	{ weight: 4, arbitrary: hostile.map(percentEncode) },
	{ weight: 1, arbitrary: fc.uint8Array({ maxLength: 24 }).map(percentEncodeBytes) }
);

function percentEncodeBytes(bytes: Uint8Array): string {
	return Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}
function percentEncode(text: string): string {
	return percentEncodeBytes(new TextEncoder().encode(text));
}

type Schemaish = {
	type?: string;
	wrapped?: Schemaish;
	entries?: Record<string, Schemaish>;
	item?: Schemaish;
};
const unwrap = (s: Schemaish): Schemaish => (s.wrapped ? unwrap(s.wrapped) : s);
const STRINGISH = new Set(['string', 'picklist', 'literal', 'enum']);

type Field = { name: string; array: boolean };

/** The fields of an object schema that take a string, or an array of strings. */
function stringFields(schema: Schemaish): Field[] {
	return Object.entries(unwrap(schema).entries ?? {}).flatMap(([name, entry]): Field[] => {
		const s = unwrap(entry);
		if (STRINGISH.has(s.type ?? '')) return [{ name, array: false }];
		if (s.type === 'array' && STRINGISH.has(unwrap(s.item ?? {}).type ?? '')) {
			return [{ name, array: true }];
		}
		return [];
	});
}

function accessRole(route: RouteInfo): Role | null {
	const access = route.access;
	if (!access) return null;
	if (access === 'public' || access === 'session' || access === 'mfa') return 'admin';
	return ROLES.find((role) => roleAllows(role, access)) ?? null;
}

type Target = { target: 'json' | 'query' | 'param'; name: string; array: boolean };

function targetsOf(route: RouteInfo): Target[] {
	const out: Target[] = [];
	for (const { target, schema } of route.inputs) {
		if (target !== 'json' && target !== 'query' && target !== 'param') continue;
		for (const field of stringFields(schema as Schemaish)) out.push({ target, ...field });
	}
	for (const [, name] of route.path.matchAll(/:(\w+)/g)) {
		if (!out.some((f) => f.target === 'param' && f.name === name)) {
			out.push({ target: 'param', name: name!, array: false });
		}
	}
	return out;
}

function hostileRequest(route: RouteInfo, field: Target, raw: string, text: string) {
	const example = EXAMPLES[`${route.method} ${route.path}`]!(fixtures);
	const url = new URL(example.path, 'http://localhost');
	let path = url.pathname;
	let query = url.search.slice(1);
	let json = example.json as Record<string, unknown> | undefined;
	if (field.target === 'param') {
		// Put the text where the route's parameter sits in the concrete example path.
		const segments = route.path.split('/');
		const at = segments.indexOf(`:${field.name}`);
		const concrete = path.split('/');
		concrete[at] = raw.length > 0 ? raw : '%20';
		path = concrete.join('/');
	} else if (field.target === 'query') {
		const kept = query.split('&').filter((p) => p && !p.startsWith(`${field.name}=`));
		query = [...kept, `${field.name}=${raw}`].join('&');
	} else {
		json = { ...json, [field.name]: field.array ? [text] : text };
	}
	return {
		path: query ? `${path}?${query}` : path,
		json,
		body: example.body,
		headers: example.headers
	};
}

const RUNS = 30;

describe('generated hostile text in every string field never gets a 5xx', () => {
	for (const route of routeTable(api)) {
		const key = `${route.method} ${route.path}`;
		const role = accessRole(route);
		const fields = targetsOf(route);
		if (!role || fields.length === 0 || !EXAMPLES[key]) continue;
		for (const field of fields) {
			it(`${key} ${field.target}.${field.name} (as ${role})`, async () => {
				// A password change may lock and end the session it is sent with, and a sign-out
				// ends it: each such test gets a session of its own.
				const session = /^POST \/api\/auth\/(password|sign-out)$/.test(key)
					? await t.signIn('admin')
					: sessions[role];
				const statuses: number[] = [];
				const arbitrary =
					field.target === 'json'
						? hostile.map((text) => ({ raw: '', text }))
						: encoded.map((raw) => ({ raw, text: '' }));
				await fc.assert(
					fc.asyncProperty(arbitrary, async ({ raw, text }) => {
						const { path, json, body, headers } = hostileRequest(route, field, raw, text);
						const res = await t.request(path, {
							method: route.method,
							session,
							json,
							body,
							headers
						});
						statuses.push(res.status);
						if (res.status >= 500) {
							throw new Error(`${res.status} for ${JSON.stringify(text || raw)}`);
						}
					}),
					{ numRuns: RUNS }
				);
				// The session must have reached the route, or the run proved nothing.
				expect(statuses.filter((s) => s !== 401 && s !== 403).length).toBeGreaterThan(0);
			});
		}
	}
});

// Routes whose body is raw bytes (a photo, doc({ consumes })): generated bytes under each
// declared type, a real image's start with garbage after it, and a wrong type. A person
// gets a 4xx in words, never a 5xx, and nothing is kept for a refusal.
describe('generated hostile bytes in every raw body never get a 5xx', () => {
	for (const route of routeTable(api).filter((r) => r.doc?.consumes)) {
		const key = `${route.method} ${route.path}`;
		const role = accessRole(route);
		if (!role || !EXAMPLES[key]) continue;
		it(`${key} body (as ${role})`, async () => {
			const example = EXAMPLES[key]!(fixtures);
			const real = example.body!;
			const bytes = fc.oneof(
				fc.uint8Array({ maxLength: 64 }),
				fc
					.tuple(fc.integer({ min: 0, max: real.length }), fc.uint8Array({ maxLength: 64 }))
					.map(([cut, tail]) => new Uint8Array([...real.subarray(0, cut), ...tail]))
			);
			const type = fc.constantFrom(...route.doc!.consumes!, 'image/gif', 'text/plain', '');
			const statuses: number[] = [];
			await fc.assert(
				fc.asyncProperty(bytes, type, async (body, contentType) => {
					const res = await t.request(example.path, {
						method: route.method,
						session: sessions[role],
						body,
						headers: contentType ? { 'content-type': contentType } : {}
					});
					statuses.push(res.status);
					if (res.status >= 500) throw new Error(`${res.status} for ${body.length} bytes`);
				}),
				{ numRuns: RUNS }
			);
			expect(statuses.some((s) => s === 415)).toBe(true);
		});
	}
});
