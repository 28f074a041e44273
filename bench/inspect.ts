import type { Client } from '@libsql/client';
import { recordingClient, statementsOf, verbCtx, type Trip } from './capture';
import { explain, type Plan } from './plans';
import type { Prepared, Scenario } from './scenario';
import { summarise, type LabelFigures } from './load';

/** One distinct set of plans for a label, with the first input that produced it. */
export type PlanShape = { label: string; example: string; plans: Plan[] };

export type Inspected = {
	prepared: Prepared;
	concurrency?: number;
	/** The SQL each input's verb sent, for the raw-SQL run. */
	trips: Trip[][];
	shapes: PlanShape[];
	/** Inputs whose SQL scans a large table. */
	scans: { label: string; example: string; scan: string }[];
	/**
	 * The verb's latency by label with nothing else running. Under load every request on a
	 * single-threaded database waits behind the others, so only this shows which kind of
	 * input is itself slow.
	 */
	alone: Record<string, LabelFigures>;
};

/** A scan of an index the scenario declares bounded (a LIMIT stops it), e.g. a page. */
function bounded(scenario: Scenario, scan: string): boolean {
	const index = /USING (?:COVERING )?INDEX (\w+)/.exec(scan)?.[1];
	return index !== undefined && (scenario.boundedScans ?? []).includes(index);
}

/**
 * Runs every input once through the verb with a recording client (which also warms the
 * page cache), then EXPLAINs each statement it sent. Checking every input, not one per
 * kind, catches plans that change with the input (e.g. a word too short for the index).
 */
export async function inspectScenario(scenario: Scenario, client: Client): Promise<Inspected> {
	const prepared = await scenario.prepare(client);
	const trips: Trip[][] = [];
	const shapes = new Map<string, PlanShape>();
	const scans: Inspected['scans'] = [];
	for (let i = 0; i < prepared.count; i++) {
		const recorded: Trip[] = [];
		await prepared.ceiling(i, verbCtx(recordingClient(client, recorded), { count: 0 }));
		trips.push(recorded);
		const label = prepared.label(i);
		const example = prepared.describe(i);
		const plans = await Promise.all(statementsOf(recorded).map((s) => explain(client, s)));
		for (const plan of plans)
			for (const scan of plan.scans)
				if (!bounded(scenario, scan)) scans.push({ label, example, scan });
		const key = `${label}\n${plans.map((p) => p.lines.join('\n')).join('\n--\n')}`;
		if (!shapes.has(key)) shapes.set(key, { label, example, plans });
	}
	return {
		prepared,
		...(scenario.concurrency ? { concurrency: scenario.concurrency } : {}),
		trips,
		shapes: [...shapes.values()],
		scans,
		alone: await timeAlone(prepared, client)
	};
}

// A second pass, one call at a time, once the first pass has warmed the page cache.
async function timeAlone(prepared: Prepared, client: Client) {
	const ctx = verbCtx(client, { count: 0 });
	const byLabel = new Map<string, number[]>();
	for (let i = 0; i < prepared.count; i++) {
		const t0 = performance.now();
		await prepared.ceiling(i, ctx);
		const list = byLabel.get(prepared.label(i)) ?? [];
		list.push(performance.now() - t0);
		byLabel.set(prepared.label(i), list);
	}
	return Object.fromEntries([...byLabel].map(([label, list]) => [label, summarise(list)]));
}
