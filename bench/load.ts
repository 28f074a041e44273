/** What one request reports back to the load loop. */
export type Outcome = {
	ok: boolean;
	trips: number;
	authTrips: number;
	label?: string;
	error?: string;
};

export type LabelFigures = {
	requests: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
};

export type LoadFigures = LabelFigures & {
	errors: number;
	seconds: number;
	reqPerSec: number;
	meanTrips: number;
	meanAuthTrips: number;
	firstErrors: string[];
	byLabel: Record<string, LabelFigures>;
};

export type LoadPlan = {
	concurrency: number;
	durationMs: number;
	maxRequests: number;
	task: (i: number) => Promise<Outcome>;
};

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length) - 1;
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** Count and percentiles (ms) of a list of latencies. */
export function summarise(latencies: number[]): LabelFigures {
	const sorted = Float64Array.from(latencies).sort();
	return {
		requests: sorted.length,
		p50: round(percentile(sorted, 50), 3),
		p95: round(percentile(sorted, 95), 3),
		p99: round(percentile(sorted, 99), 3),
		max: round(sorted[sorted.length - 1] ?? NaN, 3)
	};
}

/** Collects the requests of one path over one or more load runs. */
export function createRecorder() {
	const latencies: number[] = [];
	const labels = new Map<string, number[]>();
	const firstErrors: string[] = [];
	let errors = 0;
	let trips = 0;
	let authTrips = 0;
	let seconds = 0;
	return {
		add(ms: number, outcome: Outcome) {
			latencies.push(ms);
			trips += outcome.trips;
			authTrips += outcome.authTrips;
			if (outcome.label !== undefined) {
				const list = labels.get(outcome.label) ?? [];
				list.push(ms);
				labels.set(outcome.label, list);
			}
			if (!outcome.ok) {
				errors += 1;
				if (firstErrors.length < 5) firstErrors.push(outcome.error ?? 'failed');
			}
		},
		addTime(ms: number) {
			seconds += ms / 1000;
		},
		figures(): LoadFigures {
			const done = Math.max(latencies.length, 1);
			return {
				...summarise(latencies),
				errors,
				seconds: round(seconds),
				reqPerSec: round(latencies.length / seconds, 1),
				meanTrips: round(trips / done, 3),
				meanAuthTrips: round(authTrips / done, 3),
				firstErrors,
				byLabel: Object.fromEntries([...labels].map(([label, list]) => [label, summarise(list)]))
			};
		}
	};
}

export type Recorder = ReturnType<typeof createRecorder>;

/**
 * A closed loop: `concurrency` workers each send a request, wait for the answer, and
 * send the next, so the figures are what the server sustains rather than a queue
 * growing behind an open-loop arrival rate. Stops at the deadline or at maxRequests,
 * whichever comes first.
 */
export async function runLoad(
	{ concurrency, durationMs, maxRequests, task }: LoadPlan,
	recorder: Recorder = createRecorder()
): Promise<Recorder> {
	let issued = 0;
	const started = performance.now();
	const deadline = started + durationMs;

	async function worker() {
		while (issued < maxRequests && performance.now() < deadline) {
			const i = issued++;
			const t0 = performance.now();
			let outcome: Outcome;
			try {
				outcome = await task(i);
			} catch (error) {
				const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : '';
				outcome = { ok: false, trips: 0, authTrips: 0, error: `${String(error)}${cause}` };
			}
			recorder.add(performance.now() - t0, outcome);
		}
	}

	await Promise.all(Array.from({ length: concurrency }, worker));
	recorder.addTime(performance.now() - started);
	return recorder;
}
