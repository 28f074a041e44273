import type { Client } from '@libsql/client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Stocked } from './fixture';
import { checkAcknowledged, checkInvariants, type Acknowledged } from './invariants';
import type { ProductionServer } from './servers';

export type CrashRound = {
	round: number;
	/** 2xx answers in this round, each an order that must survive. */
	acknowledged: number;
	/** Requests that got no answer: the server died under them. */
	unanswered: number;
	/** Other answers (4xx/5xx) while the server was up. */
	others: Record<string, number>;
	killedAfterMs: number;
	ordersAfterRestart: number;
	integrity: string;
	violations: string[];
};

type Load = { acked: Acknowledged[]; unanswered: number; others: Record<string, number> };

function orderFor(stock: Stocked, n: number) {
	// One to three distinct products, one to three units each, a shipping line every other.
	const count = 1 + (n % 3);
	const lines = Array.from({ length: count }, (_, k) => ({
		productId: stock.productIds[(n + k * 7) % stock.productIds.length]!,
		locationId: stock.locationId,
		quantity: 1 + ((n + k) % 3)
	}));
	const shipping = n % 2 === 0;
	return {
		lines,
		shipping,
		body: JSON.stringify({
			lines,
			...(shipping ? { shipping: { method: 'Courier', amountMinor: 495 } } : {}),
			discountMinor: n % 5 === 0 ? 100 : 0,
			taxRateBps: 2000,
			notes: `stress order ${n}`
		})
	};
}

/** `clients` loops placing orders until `stop()`; a request the kill cuts off is unanswered. */
function startLoad(base: string, key: string, stock: Stocked, clients: number, seq: { n: number }) {
	const load: Load = { acked: [], unanswered: 0, others: {} };
	let stopped = false;
	const loops = Array.from({ length: clients }, async () => {
		while (!stopped) {
			const order = orderFor(stock, seq.n++);
			try {
				const res = await fetch(`${base}/api/orders`, {
					method: 'POST',
					headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
					body: order.body
				});
				const text = await res.text();
				if (res.status === 201) {
					const body = JSON.parse(text) as { id: string; number: string; totalMinor: number };
					load.acked.push({
						id: body.id,
						number: body.number,
						totalMinor: body.totalMinor,
						lines: order.lines,
						shipping: order.shipping
					});
				} else {
					const label = `${res.status}`;
					load.others[label] = (load.others[label] ?? 0) + 1;
				}
			} catch {
				load.unanswered += 1;
				// The server is gone; do not spin while it is down.
				await sleep(20);
			}
		}
	});
	return {
		load,
		stop: async () => {
			stopped = true;
			await Promise.all(loops);
			return load;
		}
	};
}

/**
 * Rounds of: orders placed by `clients` clients, `kill -9` of the whole server (primary and
 * every server process) once at least `minAcked` were acknowledged plus a random moment, a
 * restart on the same file, then the checks: PRAGMA integrity_check, every invariant, and
 * every order acknowledged so far (in any round) present and whole.
 */
export async function runCrash({
	client,
	key,
	stock,
	rounds,
	clients,
	minAcked,
	start
}: {
	client: Client;
	key: string;
	stock: Stocked;
	rounds: number;
	clients: number;
	minAcked: number;
	start: () => Promise<ProductionServer>;
}): Promise<{ rounds: CrashRound[]; acknowledged: number; violations: string[] }> {
	const allAcked: Acknowledged[] = [];
	const results: CrashRound[] = [];
	const seq = { n: 0 };
	let server = await start();
	try {
		for (let round = 1; round <= rounds; round++) {
			const running = startLoad(server.base, key, stock, clients, seq);
			const began = performance.now();
			while (running.load.acked.length < minAcked && performance.now() - began < 60_000)
				await sleep(5);
			await sleep(Math.floor(Math.random() * 400));
			const killedAfterMs = Math.round(performance.now() - began);
			await server.kill();
			const load = await running.stop();
			allAcked.push(...load.acked);
			server = await start();
			const checked = await checkInvariants(client);
			const missing = await checkAcknowledged(client, allAcked);
			const violations = [...checked.violations, ...missing.slice(0, 20)];
			if (load.acked.length === 0) violations.push('no order was acknowledged before the kill');
			// Stock is plentiful and the input valid: anything but a 201 from a live server is wrong.
			if (Object.keys(load.others).length > 0)
				violations.push(`answers other than 201: ${JSON.stringify(load.others)}`);
			results.push({
				round,
				acknowledged: load.acked.length,
				unanswered: load.unanswered,
				others: load.others,
				killedAfterMs,
				ordersAfterRestart: checked.orders,
				integrity: checked.integrity,
				violations
			});
		}
	} finally {
		await server.stop();
	}
	return {
		rounds: results,
		acknowledged: allAcked.length,
		violations: results.flatMap((r) => r.violations.map((v) => `round ${r.round}: ${v}`))
	};
}
