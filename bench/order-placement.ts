import type { Client, InStatement, InValue } from '@libsql/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { countingClient, drizzleOver } from '../db/client';
import { systemCtx, type Ctx } from '../worker/core/context';
import { placeOrder } from '../worker/features/orders/place-order';
import type { PlaceOrder } from '../worker/features/orders/schemas';
import { recordingClient, type Trip } from './capture';
import { createRecorder, runLoad, type LoadFigures, type Outcome } from './load';
import type { Load } from './measure';
import { issueApiKey, stockProducts, type Stocked } from './stress/fixture';

export type PlacementFigures = {
	clients: number;
	/** POST /api/orders with an integration's API key (the `web` channel), over HTTP. */
	http: LoadFigures;
	/** placeOrder() called in-process: the app's work without HTTP or auth. */
	verb: LoadFigures;
	/** The statements of placeOrder's batch, sent as one batch straight to @libsql/client. */
	raw: LoadFigures;
	statements: number;
	/** Ordo (HTTP) orders/s ÷ raw orders/s (goal ≥ 0.5). */
	ratio: number;
};

const ROUNDS = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A typical web-shop order: two products, one or two units each, shipping, 20 % tax. */
function orderInput(stock: Stocked, n: number): PlaceOrder {
	const at = (k: number) => stock.productIds[(n * 7 + k * 13) % stock.productIds.length]!;
	return {
		lines: [
			{ productId: at(0), locationId: stock.locationId, quantity: 1 + (n % 2) },
			{ productId: at(1), locationId: stock.locationId, quantity: 1 }
		],
		shipping: { method: 'Courier', amountMinor: 495 },
		taxRateBps: 2000
	} as PlaceOrder;
}

/**
 * The batch placeOrder sent once, with the ids it made up (order, movements, timeline
 * event) replaced by fresh ones on every replay, so each replay writes new rows exactly as
 * the verb would: the same statements, no HTTP, no app.
 */
function replayable(batch: Extract<Trip, { method: 'batch' }>, keep: Set<string>) {
	return () => {
		const fresh = new Map<string, string>();
		const swap = (v: InValue): InValue =>
			typeof v === 'string' && UUID.test(v) && !keep.has(v)
				? (fresh.get(v) ?? fresh.set(v, crypto.randomUUID()).get(v)!)
				: v;
		return batch.statements.map((s): InStatement => {
			if (typeof s === 'string' || !Array.isArray(s.args)) return s;
			return { sql: s.sql, args: s.args.map(swap) };
		});
	};
}

/**
 * Order placement three ways, `load.concurrency` clients each, taking turns in rounds:
 * Ordo over HTTP with an API key, the verb in-process, and the verb's batch on its own.
 */
export async function measurePlacement({
	client,
	baseUrl,
	load
}: {
	client: Client;
	baseUrl: string;
	load: Load;
}): Promise<PlacementFigures> {
	const stock = await stockProducts(client, { count: 50, units: 10_000_000, prefix: 'BENCH' });
	const { key, id: keyId } = await issueApiKey(client, ['orders.write', 'orders.read']);
	const ctxFor = (d: Ctx['db']): Ctx => ({
		...systemCtx(d, Date.now()),
		requestId: crypto.randomUUID(),
		actor: { kind: 'api_key', id: keyId, permissions: ['orders.write', 'orders.read'] }
	});

	const recorded: Trip[] = [];
	await placeOrder({
		ctx: ctxFor(drizzleOver(recordingClient(client, recorded))),
		input: orderInput(stock, 0)
	});
	const batch = recorded.find((t) => t.method === 'batch');
	if (!batch || batch.method !== 'batch') throw new Error('placeOrder sent no batch');
	const statements = replayable(batch, new Set([...stock.productIds, stock.locationId, keyId]));

	const paths: [string, (i: number) => Promise<Outcome>][] = [
		[
			'http',
			async (i) => {
				const res = await fetch(`${baseUrl}/api/orders`, {
					method: 'POST',
					headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
					body: JSON.stringify(orderInput(stock, i))
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
				// A counter per call: calls overlap, so a shared one would count the others' trips.
				const trips = { count: 0 };
				const ctx = ctxFor(drizzleOver(countingClient(client, trips)));
				await placeOrder({ ctx, input: orderInput(stock, i) });
				return { ok: true, trips: trips.count, authTrips: 0 };
			}
		],
		[
			'raw',
			async () => {
				await client.batch(statements(), batch.mode as never);
				return { ok: true, trips: 1, authTrips: 0 };
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
	const [http, verb, raw] = paths.map(([path]) => recorders.get(path)!.figures()) as [
		LoadFigures,
		LoadFigures,
		LoadFigures
	];
	return {
		clients: load.concurrency,
		http,
		verb,
		raw,
		statements: batch.statements.length,
		ratio: Number((http.reqPerSec / raw.reqPerSec).toFixed(3))
	};
}
