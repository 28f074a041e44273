import type { Client } from '@libsql/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { api } from '../worker/app';
import { replay, verbCtx } from './capture';
import type { Inspected } from './inspect';
import {
	createRecorder,
	runLoad,
	type LabelFigures,
	type LoadFigures,
	type Outcome,
	type Recorder
} from './load';

export type Load = { concurrency: number; durationMs: number; maxRequests: number };
export type Ratios = { reqPerSec: number; p50: number; rawReqPerSec: number; rawP50: number };
export type ScenarioFigures = {
	name: string;
	/** Requests in flight while measured. */
	concurrency?: number;
	measures: string;
	inputs: number;
	http: LoadFigures;
	/** The Hono app called in-process (`api.request`): auth and routing, no HTTP server. */
	inProcess: LoadFigures;
	ceiling: LoadFigures;
	raw: LoadFigures;
	/** The verb by kind of input, one call at a time (see Inspected.alone). */
	alone: Record<string, LabelFigures>;
	/** Ordo ÷ ceiling: req/s as a fraction of the ceiling, p50 as a multiple of it. */
	ratios: Ratios;
};

// The paths take turns in short rounds rather than one long run each, so a burst
// of other work on a shared machine lands on all of them instead of skewing one ratio.
const ROUNDS = 3;

const ratio = (a: number, b: number) => Number((a / b).toFixed(3));

type Get = (path: string) => Promise<Response>;

function requestTask(inspected: Inspected, get: Get) {
	return async (i: number): Promise<Outcome> => {
		const res = await inspected.prepared.http(i, get);
		// Read the whole body: the time to the last byte is what a client waits for.
		const body = await res.arrayBuffer();
		return {
			ok: res.ok,
			trips: Number(res.headers.get('x-ordo-db-round-trips')),
			authTrips: Number(res.headers.get('x-ordo-db-auth-round-trips')),
			label: inspected.prepared.label(i),
			error: res.ok ? undefined : `${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`
		};
	};
}

type Target = { load: Load; client: Client; url: string; baseUrl: string; cookie: string };

/** The scenario through HTTP, the Hono app in-process, its verb, and the verb's raw SQL. */
export async function measureScenario(
	{ name, measures, inspected }: { name: string; measures: string; inspected: Inspected },
	{ load, client, url, baseUrl, cookie }: Target
): Promise<ScenarioFigures> {
	const { prepared, trips } = inspected;
	// A scenario with a goal at a given load (order search: 8 clients) is measured at it.
	load = { ...load, concurrency: inspected.concurrency ?? load.concurrency };
	// One context for the whole run, as cheap as the verb can be called; its round trips
	// are counted in total and divided afterwards, since calls overlap.
	const counted = { count: 0 };
	const ctx = verbCtx(client, counted);
	const paths: [string, (i: number) => Promise<Outcome>][] = [
		['http', requestTask(inspected, (path) => fetch(`${baseUrl}${path}`, { headers: { cookie } }))],
		[
			'inProcess',
			requestTask(inspected, async (path) =>
				api.request(path, { headers: { cookie } }, { LIBSQL_URL: url })
			)
		],
		[
			'ceiling',
			async (i) => {
				await prepared.ceiling(i, ctx);
				return { ok: true, trips: 0, authTrips: 0, label: prepared.label(i) };
			}
		],
		[
			'raw',
			async (i) => {
				const sent = trips[i % trips.length]!;
				await replay(client, sent);
				return { ok: true, trips: sent.length, authTrips: 0, label: prepared.label(i) };
			}
		]
	];
	// Unmeasured first, so JIT warm-up and opening connections are not counted.
	const warmMs = Math.min(2_000, load.durationMs / 4);
	for (const [, task] of paths) await runLoad({ ...load, durationMs: warmMs, task });
	counted.count = 0;

	const recorders = new Map<string, Recorder>(paths.map(([path]) => [path, createRecorder()]));
	for (let r = 0; r < ROUNDS; r++) {
		for (const [path, task] of paths) {
			// The in-process paths never yield to I/O (the embedded client answers
			// synchronously), so the server's closing of idle keep-alive sockets is only
			// noticed now; without this pause fetch would reuse a dead socket (ECONNRESET).
			await sleep(100);
			await runLoad({ ...load, durationMs: load.durationMs / ROUNDS, task }, recorders.get(path));
		}
	}
	const [http, inProcess, ceiling, raw] = paths.map(([path]) => recorders.get(path)!.figures()) as [
		LoadFigures,
		LoadFigures,
		LoadFigures,
		LoadFigures
	];
	ceiling.meanTrips = Number((counted.count / Math.max(ceiling.requests, 1)).toFixed(3));
	return {
		name,
		measures,
		concurrency: load.concurrency,
		inputs: prepared.count,
		http,
		inProcess,
		ceiling,
		raw,
		alone: inspected.alone,
		ratios: {
			reqPerSec: ratio(http.reqPerSec, ceiling.reqPerSec),
			p50: ratio(http.p50, ceiling.p50),
			rawReqPerSec: ratio(http.reqPerSec, raw.reqPerSec),
			rawP50: ratio(http.p50, raw.p50)
		}
	};
}
