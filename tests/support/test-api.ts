import type { Role } from '../../db/schema/auth';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../../worker/app';
import type { BlobBucket } from '../../worker/core/blob-store';
import { diskBucket } from '../../scripts/serve/disk-bucket';
import { createTestDb, type TestDb } from './test-db';
import { createUser, TEST_DATA_KEY, TEST_PASSWORD, totpCode } from './factories';

export const ORIGIN = 'http://localhost';

export type Session = { cookie: string; user: { id: string; email: string; role: Role } };

export type TestApi = TestDb & {
	/** The photo store: the embedded default's disk bucket, in a directory of its own. */
	evidence: BlobBucket;
	evidenceDir: string;
	request(
		path: string,
		init?: RequestInit & { session?: Session; json?: unknown }
	): Promise<Response>;
	signIn(role: Role): Promise<Session>;
};

/** The Hono app over a fresh database, called in-process (no server), as Hono tests do. */
export async function createTestApi(): Promise<TestApi> {
	const testDb = await createTestDb();
	const evidenceDir = mkdtempSync(join(tmpdir(), 'ordo-evidence-'));
	const evidence = diskBucket(evidenceDir);
	const env = { LIBSQL_URL: testDb.url, ORDO_DATA_KEY: TEST_DATA_KEY, EVIDENCE: evidence };
	const request: TestApi['request'] = (path, init = {}) => {
		const { session, json, ...rest } = init;
		const headers = new Headers(rest.headers);
		if (session) headers.set('cookie', session.cookie);
		if (json !== undefined) {
			headers.set('content-type', 'application/json');
			rest.body = JSON.stringify(json);
		}
		const method = (rest.method ?? 'GET').toUpperCase();
		if (method !== 'GET' && !headers.has('origin') && !headers.has('sec-fetch-site')) {
			headers.set('origin', ORIGIN);
		}
		return Promise.resolve(api.request(path, { ...rest, headers }, env));
	};
	const signIn = async (role: Role): Promise<Session> => {
		const user = await createUser(testDb.db, { role });
		const res = await request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: user.email, password: TEST_PASSWORD }
		});
		if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
		let cookie = res.headers.get('set-cookie')!.split(';')[0]!;
		if ((await res.json()).next === 'mfa_verify') {
			const mfa = await request('/api/auth/mfa/verify', {
				method: 'POST',
				headers: { cookie },
				json: { code: totpCode() }
			});
			if (mfa.status !== 200) throw new Error(`MFA failed: ${mfa.status} ${await mfa.text()}`);
			cookie = mfa.headers.get('set-cookie')!.split(';')[0]!;
		}
		return { cookie, user: { id: user.id, email: user.email, role } };
	};
	return { ...testDb, evidence, evidenceDir, request, signIn };
}

export function roundTrips(res: Response) {
	const total = Number(res.headers.get('x-ordo-db-round-trips'));
	const auth = Number(res.headers.get('x-ordo-db-auth-round-trips'));
	return { total, auth, domain: total - auth };
}
