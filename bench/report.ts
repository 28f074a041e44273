import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { SeedSummary } from '../scripts/seed/index';
import type { PlanShape } from './inspect';
import type { LoadFigures } from './load';
import type { Machine } from './machine';
import type { ScenarioFigures } from './measure';
import type { PlacementFigures } from './order-placement';

export type Run = {
	date: string;
	scale: string;
	products: number;
	machine: Machine;
	load: { seconds: number; concurrency: number };
	seedSeconds: number;
	seed: SeedSummary;
	scenarios: ScenarioFigures[];
	/** Orders written in bulk for the order search (seed-orders.ts); absent in older runs. */
	bulkOrders?: { orders: number; customers: number; lines: number; seconds: number } | null;
	placement?: PlacementFigures;
	plans: (PlanShape & { scenario: string })[];
};

export type Results = { runs: Record<string, Run> };

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

// Written as prettier would write it, so `npm run check` stays clean after a run.
async function writePretty(path: string, text: string): Promise<void> {
	const options = await resolveConfig(path);
	writeFileSync(path, await format(text, { ...options, filepath: path }));
}

/** Keeps the other scales' runs: each scale is re-measured on its own. */
export async function writeResults(path: string, run: Run): Promise<Results> {
	const before: Results = existsSync(path)
		? (JSON.parse(readFileSync(path, 'utf8')) as Results)
		: { runs: {} };
	const runs = { ...before.runs, [run.scale]: run };
	const order = ['10k', '100k', '1m'];
	const sorted = Object.fromEntries(
		Object.entries(runs).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
	);
	const results = { runs: sorted };
	writeFileSync(path, `${JSON.stringify(results, null, '\t')}\n`);
	return results;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–');

function row(run: Run, s: ScenarioFigures, path: string, f: LoadFigures, base?: LoadFigures) {
	const trips = `${f.meanTrips.toFixed(2)} (${f.meanAuthTrips.toFixed(2)})`;
	const ratios = base
		? [(base.reqPerSec / f.reqPerSec).toFixed(2), `${(base.p50 / f.p50).toFixed(1)}×`]
		: ['', ''];
	const name =
		s.concurrency && s.concurrency !== run.load.concurrency
			? `${s.name} (${s.concurrency} clients)`
			: s.name;
	const cells = [run.scale, name, path, f.reqPerSec.toFixed(0), ms(f.p50), ms(f.p95)];
	return `| ${[...cells, ms(f.p99), f.errors, trips, ...ratios].join(' | ')} |`;
}

function kindRows(run: Run, s: ScenarioFigures): string[] {
	return Object.entries(s.alone).map(([label, alone]) => {
		const loaded = s.http.byLabel[label];
		const http = loaded ? `${ms(loaded.p50)} / ${ms(loaded.p95)}` : '–';
		const verb = `${ms(alone.p50)} / ${ms(alone.p95)} / ${ms(alone.max)}`;
		return `| ${run.scale} | ${s.name} | ${label} | ${alone.requests} | ${verb} | ${http} |`;
	});
}

function placementRows(run: Run): string[] {
	const p = run.placement;
	if (!p) return [];
	const orders = run.bulkOrders?.orders ?? run.seed.orders;
	return (
		[
			['Ordo (HTTP)', p.http],
			['verb in-process', p.verb],
			[`raw batch (${p.statements} statements)`, p.raw]
		] as const
	).map(([path, f]) => {
		const trips = `${f.meanTrips.toFixed(2)} (${f.meanAuthTrips.toFixed(2)})`;
		const ratio = f === p.http ? '' : (p.http.reqPerSec / f.reqPerSec).toFixed(2);
		const cells = [run.scale, orders, path, f.reqPerSec.toFixed(0), ms(f.p50), ms(f.p95)];
		return `| ${[...cells, ms(f.p99), f.errors, trips, ratio].join(' | ')} |`;
	});
}

/** The README's results section: machines, figures, and the per-kind breakdown. */
export function renderTables(results: Results): string {
	const runs = Object.values(results.runs);
	const machines = runs.map((r) => {
		const m = r.machine;
		const box = `${m.cpus}× ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`;
		const load = m.loadAverage.join(' / ');
		return `| ${r.scale} | ${r.products} | ${r.seedSeconds} | ${r.date} | ${box} | ${load} | ${r.load.concurrency} × ${r.load.seconds} s |`;
	});
	const figures = runs.flatMap((r) =>
		r.scenarios.flatMap((s) => [
			row(r, s, 'Ordo (HTTP)', s.http),
			row(r, s, 'Hono in-process', s.inProcess, s.http),
			row(r, s, 'verb (ceiling)', s.ceiling, s.http),
			row(r, s, 'raw SQL', s.raw, s.http)
		])
	);
	return [
		'| scale | products | seed s | date | machine | load avg 1/5/15 min at start | concurrency × duration |',
		'| --- | ---: | ---: | --- | --- | --- | --- |',
		...machines,
		'',
		'| scale | scenario | path | req/s | p50 ms | p95 ms | p99 ms | errors | round trips (auth) | Ordo req/s ÷ this | Ordo p50 ÷ this |',
		'| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...figures,
		'',
		'Order placement, POST /api/orders with an API key (the `web` channel), 8 clients, beside the verb in-process and its batch sent alone to `@libsql/client`:',
		'',
		'| scale | orders in file | path | orders/s | p50 ms | p95 ms | p99 ms | errors | round trips (auth) | Ordo orders/s ÷ this |',
		'| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...runs.flatMap((r) => placementRows(r)),
		'',
		'By kind of input: the verb alone, one call at a time, and Ordo under the load above (ms):',
		'',
		'| scale | scenario | kind | inputs | verb alone p50 / p95 / max | Ordo (HTTP) loaded p50 / p95 |',
		'| --- | --- | --- | ---: | ---: | ---: |',
		...runs.flatMap((r) => r.scenarios.flatMap((s) => kindRows(r, s)))
	].join('\n');
}

/** Rewrites only what lies between the README's results markers. */
export async function rewriteReadme(path: string, results: Results): Promise<void> {
	const text = readFileSync(path, 'utf8');
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	if (start < 0 || end < start) throw new Error(`${path} lacks the ${START} … ${END} markers`);
	const table = renderTables(results);
	await writePretty(
		path,
		`${text.slice(0, start + START.length)}\n\n${table}\n\n${text.slice(end)}`
	);
}
