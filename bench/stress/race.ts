import type { Client } from '@libsql/client';
import { checkInvariants, type Checked } from './invariants';
import type { Stocked } from './fixture';

export type RaceFigures = {
	attempts: number;
	units: number;
	servers: number;
	concurrency: number;
	sold: number;
	conflicts: number;
	/** Status → count for everything that was neither a 201 nor the expected 409. */
	others: Record<string, number>;
	seconds: number;
	levels: { onHand: number; reserved: number };
	checked: Checked;
	violations: string[];
};

type Answer = { status: number; type: string | null; problemJson: boolean; error?: string };

async function attempt(base: string, key: string, body: string): Promise<Answer> {
	try {
		const res = await fetch(`${base}/api/orders`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
			body
		});
		const text = await res.text();
		const problemJson = (res.headers.get('content-type') ?? '').startsWith(
			'application/problem+json'
		);
		let type: string | null = null;
		try {
			type = (JSON.parse(text) as { type?: string }).type ?? null;
		} catch {
			// Not JSON: counted as a wrong answer below.
		}
		return { status: res.status, type, problemJson };
	} catch (error) {
		return { status: 0, type: null, problemJson: false, error: String(error) };
	}
}

/**
 * `attempts` orders of one unit each for the last `units` of one product, sent by
 * `concurrency` clients at once, spread over the servers in turn (each server is its own
 * process over the same file). Exactly `units` may be sold; every other attempt must be a
 * 409 insufficient-stock problem document, never a 5xx; the file must keep every invariant.
 */
export async function runRace({
	client,
	bases,
	key,
	stock,
	attempts,
	units,
	concurrency
}: {
	client: Client;
	bases: string[];
	key: string;
	stock: Stocked;
	attempts: number;
	units: number;
	concurrency: number;
}): Promise<RaceFigures> {
	const body = JSON.stringify({
		lines: [{ productId: stock.productIds[0], locationId: stock.locationId, quantity: 1 }]
	});
	const answers: Answer[] = [];
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: Math.min(concurrency, attempts) }, async () => {
			for (let i = next++; i < attempts; i = next++) {
				answers.push(await attempt(bases[i % bases.length]!, key, body));
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;

	const sold = answers.filter((a) => a.status === 201).length;
	const clear = (a: Answer) =>
		a.status === 409 && a.problemJson && a.type === 'urn:ordo:problem:insufficient-stock';
	const conflicts = answers.filter(clear).length;
	const others: Record<string, number> = {};
	for (const a of answers) {
		if (a.status === 201 || clear(a)) continue;
		const label = a.status === 0 ? `no answer (${a.error})` : `${a.status} ${a.type ?? ''}`.trim();
		others[label] = (others[label] ?? 0) + 1;
	}
	const level = (
		await client.execute({
			sql: 'SELECT on_hand, reserved FROM stock_levels WHERE product_id = ? AND location_id = ?',
			args: [stock.productIds[0]!, stock.locationId]
		})
	).rows[0]!;
	const levels = { onHand: Number(level.on_hand), reserved: Number(level.reserved) };
	const orders = Number(
		(
			await client.execute({
				sql: `SELECT count(DISTINCT order_id) FROM order_lines WHERE product_id = ?`,
				args: [stock.productIds[0]!]
			})
		).rows[0]![0]
	);
	const checked = await checkInvariants(client);

	const violations = [...checked.violations];
	if (sold !== units) violations.push(`sold ${sold} of ${units} units (201 answers)`);
	if (orders !== units) violations.push(`${orders} orders in the database for ${units} units`);
	if (conflicts !== attempts - units)
		violations.push(`${conflicts} clear 409s, expected ${attempts - units}`);
	if (Object.keys(others).length > 0) violations.push(`other answers: ${JSON.stringify(others)}`);
	if (levels.reserved !== units || levels.onHand !== units)
		violations.push(`level after the race: ${JSON.stringify(levels)}, expected ${units}/${units}`);
	return {
		attempts,
		units,
		servers: bases.length,
		concurrency,
		sold,
		conflicts,
		others,
		seconds: Number(seconds.toFixed(2)),
		levels,
		checked,
		violations
	};
}
