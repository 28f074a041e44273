import type { Client } from '@libsql/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { countingClient, drizzleOver } from '../db/client';
import { countTasks } from '../db/schema/counts';
import { systemCtx, type Ctx } from '../worker/core/context';
import { submitLine } from '../worker/features/counts/submit-line';
import { createRecorder, runLoad, type LoadFigures, type Outcome } from './load';
import type { Load } from './measure';
import { issueApiKey, stockProducts } from './stress/fixture';

export type CountApplyFigures = {
	clients: number;
	/** POST /api/counts/tasks/:id/lines with Idempotency-Key and Ordo-Sent-At, over HTTP. */
	http: LoadFigures;
	/** submitLine() in-process: the snapshot read and the batch, no HTTP or auth (the ceiling). */
	verb: LoadFigures;
	/** Ordo (HTTP) lines/s ÷ verb lines/s. */
	ratio: number;
};

const ROUNDS = 3;
const PERMISSIONS = ['inventory.adjust'] as const;

/**
 * A phone's count line applied as of when it was counted (issue 8): 200 products at one
 * location, each line a count of a random product, dated a few seconds back, so the as-of
 * sum reads the movements recorded since. Two ways, taking turns in rounds.
 */
export async function measureCountApply({
	client,
	baseUrl,
	load
}: {
	client: Client;
	baseUrl: string;
	load: Load;
}): Promise<CountApplyFigures> {
	const stock = await stockProducts(client, { count: 200, units: 1_000, prefix: 'COUNT' });
	const { key, id: keyId } = await issueApiKey(client, [...PERMISSIONS]);
	const taskId = crypto.randomUUID();
	await drizzleOver(client)
		.insert(countTasks)
		.values({ id: taskId, locationId: stock.locationId, createdAt: Date.now() - 60_000 });
	const line = (i: number) => ({
		productId: stock.productIds[(i * 7) % stock.productIds.length]!,
		counted: 990 + (i % 21),
		countedAt: new Date(Date.now() - 5_000).toISOString(),
		deviceId: `bench-${i % 8}`
	});
	const ctxFor = (d: Ctx['db']): Ctx => ({
		...systemCtx(d, Date.now()),
		requestId: crypto.randomUUID(),
		actor: { kind: 'api_key', id: keyId, permissions: [...PERMISSIONS] },
		idempotency: { scope: `bench:${keyId}`, key: crypto.randomUUID(), requestHash: 'bench' }
	});

	const paths: [string, (i: number) => Promise<Outcome>][] = [
		[
			'http',
			async (i) => {
				const res = await fetch(`${baseUrl}/api/counts/tasks/${taskId}/lines`, {
					method: 'POST',
					headers: {
						authorization: `Bearer ${key}`,
						'content-type': 'application/json',
						'idempotency-key': crypto.randomUUID(),
						'ordo-sent-at': new Date().toISOString()
					},
					body: JSON.stringify(line(i))
				});
				const body = await res.text();
				return {
					ok: res.status === 201,
					trips: Number(res.headers.get('x-ordo-db-round-trips')),
					authTrips: Number(res.headers.get('x-ordo-db-auth-round-trips')),
					error: res.status === 201 ? undefined : `${res.status} ${body.slice(0, 200)}`
				};
			}
		],
		[
			'verb',
			async (i) => {
				const trips = { count: 0 };
				const ctx = ctxFor(drizzleOver(countingClient(client, trips)));
				await submitLine({ ctx, taskId, input: line(i), clockOffsetMs: 0 });
				return { ok: true, trips: trips.count, authTrips: 0 };
			}
		]
	];
	const warmMs = Math.min(2_000, load.durationMs / 4);
	for (const [, task] of paths) await runLoad({ ...load, durationMs: warmMs, task });
	const recorders = new Map(paths.map(([path]) => [path, createRecorder()]));
	for (let r = 0; r < ROUNDS; r++) {
		for (const [path, task] of paths) {
			await sleep(100);
			await runLoad({ ...load, durationMs: load.durationMs / ROUNDS, task }, recorders.get(path));
		}
	}
	const [http, verb] = paths.map(([path]) => recorders.get(path)!.figures()) as [
		LoadFigures,
		LoadFigures
	];
	return {
		clients: load.concurrency,
		http,
		verb,
		ratio: Number((http.reqPerSec / verb.reqPerSec).toFixed(3))
	};
}

const cells = (path: string, f: LoadFigures) =>
	[
		path.padEnd(16),
		`${f.requests} req`.padStart(11),
		`${f.errors} err`.padStart(7),
		`${f.reqPerSec.toFixed(0)} req/s`.padStart(12),
		`p50 ${f.p50.toFixed(2)}`.padStart(11),
		`p95 ${f.p95.toFixed(2)} ms`.padStart(14),
		`${f.meanTrips.toFixed(2)} trips`.padStart(12)
	].join(' ');

/** Count apply: lines/s both ways, and Ordo's ratio to its ceiling (the verb). */
export function printCountApply(f: CountApplyFigures): void {
	console.log(cells('Ordo (HTTP)', f.http));
	console.log(cells('verb (ceiling)', f.verb));
	for (const e of [...f.http.firstErrors, ...f.verb.firstErrors].slice(0, 3)) console.log(`  ${e}`);
	console.log(
		`count-apply: Ordo (HTTP) ${f.http.reqPerSec.toFixed(0)} lines/s ÷ verb ${f.verb.reqPerSec.toFixed(0)} lines/s = ${f.ratio} (goal ≥ 0.6, like the other paths' verb budget)`
	);
}
