import type { Inspected } from './inspect';
import type { LoadFigures } from './load';
import type { ScenarioFigures } from './measure';
import type { PlacementFigures } from './order-placement';

/** Prints every distinct query plan and any scan of a large table; returns the scan count. */
export function printPlans(list: { name: string; inspected: Inspected }[]): number {
	let scans = 0;
	for (const { name, inspected } of list) {
		console.log(`\n=== query plans: ${name} (${inspected.prepared.count} inputs)`);
		for (const shape of inspected.shapes) {
			console.log(`\n--- ${shape.label}, e.g. ${shape.example}`);
			for (const plan of shape.plans) {
				console.log(`  ${plan.sql.slice(0, 160)}${plan.sql.length > 160 ? ' …' : ''}`);
				for (const line of plan.lines) console.log(`    ${line}`);
			}
		}
		console.log('\nthe verb alone, one call at a time (ms):');
		for (const [label, f] of Object.entries(inspected.alone)) {
			console.log(
				`  ${label.padEnd(11)} p50 ${f.p50}  p95 ${f.p95}  max ${f.max}  (${f.requests} inputs)`
			);
		}
		for (const s of inspected.scans.slice(0, 10)) {
			console.log(`SCAN of a large table: ${name} / ${s.label} ${s.example}: ${s.scan}`);
		}
		scans += inspected.scans.length;
	}
	if (scans > 0) console.error(`\n${scans} statement(s) scan a large table: failing the run.`);
	else console.log('\nNo statement scans a large table.');
	return scans;
}

export const BUDGET = { hono: 0.8, verb: 0.6 };

function line(path: string, f: LoadFigures) {
	const cells = [
		path.padEnd(16),
		`${f.requests} req`.padStart(11),
		`${f.errors} err`.padStart(7),
		`${f.reqPerSec.toFixed(0)} req/s`.padStart(12),
		`p50 ${f.p50.toFixed(2)}`.padStart(11),
		`p95 ${f.p95.toFixed(2)}`.padStart(11),
		`p99 ${f.p99.toFixed(2)} ms`.padStart(14),
		`trips ${f.meanTrips} (auth ${f.meanAuthTrips})`
	];
	console.log(cells.join(' '));
	for (const e of f.firstErrors) console.log(`    error: ${e}`);
}

export function printFigures(s: ScenarioFigures): void {
	line('Ordo (HTTP)', s.http);
	line('Hono in-process', s.inProcess);
	line('verb (ceiling)', s.ceiling);
	line('raw SQL', s.raw);
	const r = s.ratios;
	const vsHono = s.inProcess.reqPerSec > 0 ? s.http.reqPerSec / s.inProcess.reqPerSec : 0;
	// The serving stack's budget (issue 6): what HTTP, SvelteKit and the server may cost.
	console.log(
		`Ordo (HTTP) ÷ Hono in-process: req/s ${vsHono.toFixed(2)} (budget ≥ ${BUDGET.hono}); ` +
			`Ordo (HTTP) ÷ verb: req/s ${r.reqPerSec} (budget ≥ ${BUDGET.verb})`
	);
	console.log(
		`Ordo ÷ ceiling: req/s ${r.reqPerSec}, p50 ${r.p50}×; Ordo ÷ raw SQL: req/s ${r.rawReqPerSec}, p50 ${r.rawP50}×`
	);
	for (const [label, f] of Object.entries(s.http.byLabel)) {
		const c = s.ceiling.byLabel[label];
		const raw = s.raw.byLabel[label];
		console.log(
			`  ${label.padEnd(11)} p50/p95 ms  Ordo ${f.p50}/${f.p95}  verb ${c?.p50}/${c?.p95}  raw ${raw?.p50}/${raw?.p95}`
		);
	}
}

/** Order placement: orders/s three ways, the ratio to the bare batch, round trips. */
export function printPlacement(p: PlacementFigures): void {
	line('Ordo (HTTP)', p.http);
	line('verb', p.verb);
	line('raw batch', p.raw);
	console.log(
		`Ordo (HTTP) ${p.http.reqPerSec.toFixed(0)} orders/s (goal ≥ 200) ÷ bare @libsql/client batch of the same ${p.statements} statements ${p.raw.reqPerSec.toFixed(0)} orders/s = ${p.ratio} (goal ≥ 0.5)`
	);
}
