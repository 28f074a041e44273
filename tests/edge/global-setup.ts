// Node side of the edge tests: workerd's @libsql/client speaks only HTTP, so each
// database the tests use is a fresh, empty libSQL file behind the Hrana server.
// Nothing is migrated here: the worker migrates over HTTP on its first request,
// which is one of the things the edge tests prove.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startHranaServer, type HranaServer } from '../../scripts/hrana/server';

/** `fresh` is touched only by the migration test; the others share `shop`. */
export type EdgeDatabases = { fresh: string; shop: string };

declare module 'vitest' {
	export interface ProvidedContext {
		edgeDatabases: EdgeDatabases;
		/** Milliseconds one hashPassword took in Node, to compare with workerd. */
		nodeHashMs: number;
	}
}

const TIME_NODE_HASH = `
import { hashPassword } from './worker/features/auth/password.ts';
await hashPassword('warm up the JIT first');
const start = performance.now();
await hashPassword('correct horse battery staple 42');
console.log(performance.now() - start);
`;

/**
 * In a child Node, not here: the Cloudflare pool makes Vitest inline every
 * dependency through its module transform, even for this file, and under that
 * transform noble's scrypt runs some 20 times slower than Node runs it.
 */
async function timeNodeHash(): Promise<number> {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', '--input-type=module', '--eval', TIME_NODE_HASH],
		{ timeout: 60_000 }
	);
	return Number(stdout.trim());
}

export default async function setup({ provide }: TestProject) {
	const nodeHashMs = timeNodeHash();
	const dir = mkdtempSync(join(tmpdir(), 'ordo-edge-'));
	const servers: HranaServer[] = [];
	const serve = async (name: string) => {
		const server = await startHranaServer({ url: `file:${join(dir, `${name}.db`)}` });
		servers.push(server);
		return server.url;
	};
	provide('edgeDatabases', { fresh: await serve('fresh'), shop: await serve('shop') });
	provide('nodeHashMs', await nodeHashMs);
	return async () => {
		await Promise.all(servers.map((server) => server.close()));
		rmSync(dir, { recursive: true, force: true });
	};
}
