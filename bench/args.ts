import { parseArgs } from 'node:util';

export const SCALES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type ScaleName = keyof typeof SCALES;

export type BenchArgs = {
	scale: ScaleName;
	products: number;
	/** Orders written in bulk for the order search (seed-orders.ts). */
	orders: number;
	durationMs: number;
	concurrency: number;
	// Every load loop also stops at this many requests, so a run is bounded even when
	// requests are far faster than expected.
	maxRequests: number;
	keep: boolean;
	out: string;
	/** Customers in the database for the customer search scenario (`--customers`, default 1m). */
	customers: number;
};

function positiveInt(name: string, raw: string, max: number): number {
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > max) {
		throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${raw}"`);
	}
	return n;
}

export const USAGE = `npm run bench -- [options]   (bench/README.md)
  --scale 10k|100k|1m   products in the catalogue (default 10k)
  --orders 10k|100k|1m  orders written in bulk for the order search (default: as --scale)
  --duration S          seconds of measured load per path (default 10)
  --concurrency N       requests in flight at once (default 16)
  --max-requests N      a second bound on every load loop (default 1000000)
  --customers 10k|100k|1m  invented customers for customer search (default 1m)
  --keep                keep .data/bench-<scale>.db afterwards
  --out FILE            where the figures go (default bench/results.json)
  --route-sizes         only the initial JavaScript of budgeted pages (/scan ≤ 80 KB gzip), from the build
  --help                this text`;

/** Reads `npm run bench -- --scale 100k --duration 10 --concurrency 16 --keep --out …`. */
export function readArgs(argv: string[] = process.argv.slice(2)): BenchArgs | null {
	if (argv.includes('--help') || argv.includes('-h')) return null;
	const { values } = parseArgs({
		args: argv,
		options: {
			scale: { type: 'string', default: '10k' },
			orders: { type: 'string' },
			duration: { type: 'string', default: '10' },
			concurrency: { type: 'string', default: '16' },
			'max-requests': { type: 'string', default: '1000000' },
			keep: { type: 'boolean', default: false },
			out: { type: 'string', default: 'bench/results.json' },
			customers: { type: 'string', default: '1m' }
		},
		strict: true
	});
	const scale = values.scale as ScaleName;
	if (!(scale in SCALES)) {
		throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}, got "${scale}"`);
	}
	const orders = (values.orders ?? scale) as ScaleName;
	if (!(orders in SCALES)) {
		throw new Error(`--orders must be one of ${Object.keys(SCALES).join(', ')}, got "${orders}"`);
	}
	return {
		scale,
		products: SCALES[scale],
		orders: SCALES[orders],
		durationMs: positiveInt('duration', values.duration, 600) * 1000,
		concurrency: positiveInt('concurrency', values.concurrency, 256),
		maxRequests: positiveInt('max-requests', values['max-requests'], 10_000_000),
		keep: values.keep,
		out: values.out,
		customers: customersOf(values.customers)
	};
}

function customersOf(raw: string): number {
	if (!(raw in SCALES))
		throw new Error(`--customers must be one of ${Object.keys(SCALES).join(', ')}, got "${raw}"`);
	return SCALES[raw as ScaleName];
}
