import { parseArgs } from 'node:util';
import { describeMachine } from './machine';
import { ensureBuilt } from './server';
import { runCrash } from './stress/crash';
import { freshDatabase, issueApiKey, stockProducts } from './stress/fixture';
import { runRace } from './stress/race';
import { freePortInRange, startProductionServer } from './stress/servers';

const USAGE = `npm run stress -- [options]   (bench/README.md, "Stress")
  --attempts N      race: order attempts (default 1000)
  --units N         race: units in stock (default 10)
  --concurrency N   race: clients at once (default 64)
  --rounds N        crash: kill -9 rounds (default 5)
  --clients N       crash: clients placing orders (default 8)
  --min-acked N     crash: acknowledged orders before a kill may come (default 50)
  --only race|crash one part
  --keep            keep .data/stress-*.db afterwards`;

function count(name: string, raw: string): number {
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
	return n;
}

function readArgs() {
	const { values } = parseArgs({
		options: {
			attempts: { type: 'string', default: '1000' },
			units: { type: 'string', default: '10' },
			concurrency: { type: 'string', default: '64' },
			rounds: { type: 'string', default: '5' },
			clients: { type: 'string', default: '8' },
			'min-acked': { type: 'string', default: '50' },
			only: { type: 'string' },
			keep: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false }
		},
		strict: true
	});
	if (values.help) return null;
	const units = count('units', values.units);
	const attempts = count('attempts', values.attempts);
	if (attempts <= units) throw new Error('--attempts must be more than --units');
	return {
		attempts,
		units,
		concurrency: count('concurrency', values.concurrency),
		rounds: count('rounds', values.rounds),
		clients: count('clients', values.clients),
		minAcked: count('min-acked', values['min-acked']),
		race: values.only !== 'crash',
		crash: values.only !== 'race',
		keep: values.keep
	};
}

async function race(args: NonNullable<ReturnType<typeof readArgs>>): Promise<string[]> {
	const db = await freshDatabase('.data/stress-race.db');
	const servers = [];
	try {
		const stock = await stockProducts(db.client, { count: 1, units: args.units, prefix: 'LAST' });
		const { key } = await issueApiKey(db.client, ['orders.write', 'orders.read']);
		// Two servers, each its own process over the one file (ORDO_WORKERS=1: a primary and
		// one server process each), started one after the other so only one migrates.
		for (const from of [4400, 4450]) {
			const port = await freePortInRange(from);
			servers.push(await startProductionServer({ url: db.url, port, workers: 1 }));
		}
		console.log(
			`race: ${args.attempts} attempts for the last ${args.units} units, ${args.concurrency} clients, servers ${servers.map((s) => s.base).join(' and ')}`
		);
		const figures = await runRace({
			client: db.client,
			bases: servers.map((s) => s.base),
			key,
			stock,
			attempts: args.attempts,
			units: args.units,
			concurrency: args.concurrency
		});
		console.log(
			`race: sold ${figures.sold} of ${figures.units}; ${figures.conflicts} × 409 insufficient-stock; other answers ${JSON.stringify(figures.others)}; ${figures.seconds} s (${Math.round(figures.attempts / figures.seconds)} attempts/s); level on hand ${figures.levels.onHand}, reserved ${figures.levels.reserved}; integrity ${figures.checked.integrity}; ${figures.checked.orders} orders`
		);
		return figures.violations.map((v) => `race: ${v}`);
	} finally {
		await Promise.all(servers.map((s) => s.stop()));
		if (!args.keep) db.remove();
	}
}

async function crash(args: NonNullable<ReturnType<typeof readArgs>>): Promise<string[]> {
	const db = await freshDatabase('.data/stress-crash.db');
	try {
		const stock = await stockProducts(db.client, { count: 20, units: 1_000_000, prefix: 'CRASH' });
		const { key } = await issueApiKey(db.client, ['orders.write', 'orders.read']);
		const port = await freePortInRange(4420);
		console.log(
			`\ncrash: ${args.rounds} rounds of kill -9 under ${args.clients} clients placing orders (server on ${port}, 2 processes)`
		);
		const result = await runCrash({
			client: db.client,
			key,
			stock,
			rounds: args.rounds,
			clients: args.clients,
			minAcked: args.minAcked,
			start: () => startProductionServer({ url: db.url, port, workers: 2 })
		});
		for (const r of result.rounds) {
			console.log(
				`crash round ${r.round}: killed after ${r.killedAfterMs} ms; ${r.acknowledged} acknowledged, ${r.unanswered} cut off, other ${JSON.stringify(r.others)}; after restart ${r.ordersAfterRestart} orders, integrity ${r.integrity}, ${r.violations.length} violations`
			);
		}
		console.log(`crash: ${result.acknowledged} acknowledged orders in all, every one checked`);
		return result.violations.map((v) => `crash: ${v}`);
	} finally {
		if (!args.keep) db.remove();
	}
}

// `npm run stress`: the race for the last units and the kill -9 rounds; exit 1 on a violation.
async function main(): Promise<number> {
	const args = readArgs();
	if (!args) {
		console.log(USAGE);
		return 0;
	}
	const machine = describeMachine();
	console.log(
		`stress on ${machine.cpus}× ${machine.cpuModel}, load ${machine.loadAverage.join(' ')}`
	);
	ensureBuilt();
	const violations = [
		...(args.race ? await race(args) : []),
		...(args.crash ? await crash(args) : [])
	];
	console.log(`\nload at the end ${describeMachine().loadAverage.join(' ')}`);
	if (violations.length === 0) {
		console.log('stress: no violations');
		return 0;
	}
	console.error(`stress: ${violations.length} violations`);
	for (const v of violations) console.error(`  ${v}`);
	return 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
