import type { Client } from '@libsql/client';
import type { Ctx } from '../worker/core/context';

/**
 * What a request run hands a scenario: its input and a GET with the staff session attached,
 * which goes over HTTP to the served app or, for the in-process path, to the Hono app.
 */
export type HttpCall<T> = { input: T; get: (path: string) => Promise<Response> };
/** What a ceiling run hands a scenario: its input and a verb context over the same file. */
export type CeilingCall<T> = { input: T; ctx: Ctx };

export type ScenarioSpec<T> = {
	name: string;
	/** One line for the README: what a request does. */
	measures: string;
	/** The inputs, drawn deterministically from the seeded database; requests cycle through them. */
	inputs: (client: Client) => Promise<T[]>;
	/** Groups requests in the breakdown (e.g. the kind of search); optional. */
	label?: (input: T) => string;
	/** The request through Ordo: session check, routing, validation, the verb, JSON. */
	http: (call: HttpCall<T>) => Promise<Response>;
	/** The same work without HTTP or auth: the verb called directly. */
	ceiling: (call: CeilingCall<T>) => Promise<unknown>;
	/** Requests in flight for this scenario, when its goal names one (else `--concurrency`). */
	concurrency?: number;
};

/** A scenario with its inputs bound, so the registry can hold scenarios of any input type. */
export type Scenario = {
	name: string;
	measures: string;
	concurrency?: number;
	prepare: (client: Client) => Promise<Prepared>;
};

export type Prepared = {
	count: number;
	label: (i: number) => string;
	describe: (i: number) => string;
	http: (i: number, get: HttpCall<unknown>['get']) => Promise<Response>;
	ceiling: (i: number, ctx: Ctx) => Promise<unknown>;
};

export function defineScenario<T>(spec: ScenarioSpec<T>): Scenario {
	return {
		name: spec.name,
		measures: spec.measures,
		concurrency: spec.concurrency,
		prepare: async (client) => {
			const inputs = await spec.inputs(client);
			if (inputs.length === 0) throw new Error(`scenario ${spec.name} found no inputs`);
			const at = (i: number) => inputs[i % inputs.length]!;
			return {
				count: inputs.length,
				label: (i) => spec.label?.(at(i)) ?? 'all',
				describe: (i) => JSON.stringify(at(i)),
				http: (i, get) => spec.http({ input: at(i), get }),
				ceiling: (i, ctx) => spec.ceiling({ input: at(i), ctx })
			};
		}
	};
}
