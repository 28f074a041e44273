import { DEMO_USERS } from '../scripts/seed/index';
import { benchDuplicates } from './duplicates';
import { readArgs, USAGE } from './args';
import { inspectScenario, type Inspected } from './inspect';
import { measureCustomerImport } from './customer-import';
import { describeMachine } from './machine';
import { measureScenario, type ScenarioFigures } from './measure';
import { measurePlacement } from './order-placement';
import { measureCountApply, printCountApply } from './count-apply';
import { measureOutboxDrain, measureOutboxDrainSideBySide, printOutboxDrain } from './outbox-drain';
import { printFigures, printPlacement, printPlans } from './print';
import { rewriteReadme, writeResults } from './report';
import { scenarios } from './scenarios';
import { printRouteSizes } from './route-sizes';
import { seedAtScale } from './seed-at-scale';
import { ensureBuilt, signIn, startServer, type Server } from './server';

const README = 'bench/README.md';

// `npm run bench -- --scale 100k`: seed, check the query plans, serve, load, write figures.
async function main(): Promise<number> {
	// `--duplicates` runs only the duplicate finder's bench (bench/duplicates.ts).
	if (process.argv.includes('--duplicates')) return benchDuplicates(process.argv.slice(2));
	// `--route-sizes` prints only what pages cost to open (bench/route-sizes.ts), from the build.
	if (process.argv.includes('--route-sizes')) {
		ensureBuilt();
		printRouteSizes();
		return 0;
	}
	const args = readArgs();
	if (!args) {
		console.log(USAGE);
		return 0;
	}
	const machine = describeMachine();
	console.log(
		`bench ${args.scale}: ${args.products} products, ${args.concurrency} concurrent, ${args.durationMs / 1000} s a path`
	);
	console.log(
		`machine: ${machine.cpus}× ${machine.cpuModel}, load ${machine.loadAverage.join(' ')}`
	);

	const db = await seedAtScale({
		path: `.data/bench-${args.scale}.db`,
		products: args.products,
		customers: args.customers,
		orders: args.orders
	});
	console.log(`seeded ${db.path} in ${db.seedSeconds} s:`, db.summary);
	console.log(`bulk orders for the order search:`, db.bulkOrders);
	let server: Server | undefined;
	const stopAll = async () => {
		await server?.stop();
		if (!args.keep) db.remove();
	};
	process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

	try {
		const inspected: {
			name: string;
			measures: string;
			concurrency?: number;
			inspected: Inspected;
		}[] = [];
		for (const scenario of scenarios) {
			inspected.push({ ...scenario, inspected: await inspectScenario(scenario, db.client) });
		}
		const scans = printPlans(inspected);
		if (scans > 0) return 1;

		ensureBuilt();
		printRouteSizes();
		server = await startServer(db.url);
		const staff = DEMO_USERS.find((u) => u.role === 'warehouse')!;
		const cookie = await signIn(server.baseUrl, staff);
		const load = {
			concurrency: args.concurrency,
			durationMs: args.durationMs,
			maxRequests: args.maxRequests
		};
		const figures: ScenarioFigures[] = [];
		for (const one of inspected) {
			console.log(`\nmeasuring ${one.name} …`);
			const measured = await measureScenario(one, {
				load: { ...load, concurrency: one.concurrency ?? load.concurrency },
				client: db.client,
				url: db.url,
				baseUrl: server.baseUrl,
				cookie
			});
			printFigures(measured);
			figures.push(measured);
		}
		// Last: it adds orders (and 50 products) that the reads above must not see.
		console.log(`\nmeasuring order placement (8 clients) …`);
		const placement = await measurePlacement({
			client: db.client,
			baseUrl: server.baseUrl,
			load: { ...load, concurrency: 8 }
		});
		printPlacement(placement);
		const results = await writeResults(args.out, {
			date: new Date().toISOString(),
			scale: args.scale,
			products: db.summary.products,
			machine,
			load: { seconds: args.durationMs / 1000, concurrency: args.concurrency },
			seedSeconds: db.seedSeconds,
			seed: db.summary,
			scenarios: figures,
			bulkOrders: db.bulkOrders,
			placement,
			plans: inspected.flatMap((s) => s.inspected.shapes.map((p) => ({ scenario: s.name, ...p })))
		});
		await rewriteReadme(README, results);
		console.log(`\nwrote ${args.out} and the table in ${README}`);
		// Customer import (issue 9): 100,000 rows through the verb, on a database of its own.
		console.log('\nmeasuring customer import …');
		await measureCustomerImport(100_000);
		// Count apply (issue 8): a phone's count line, as of when it was counted (8 clients).
		console.log('\nmeasuring count-apply (8 clients) …');
		const countApply = await measureCountApply({
			client: db.client,
			baseUrl: server.baseUrl,
			load: { ...load, concurrency: 8 }
		});
		printCountApply(countApply);
		// Outbox drain (issue 10): 10,000 queued items replayed in order, with faults injected.
		console.log('\nmeasuring outbox-drain (10,000 items) …');
		const drain = await measureOutboxDrain({ client: db.client, baseUrl: server.baseUrl, cookie });
		printOutboxDrain(drain);
		// …and 1,000 items batched and one by one, back to back under the same load.
		console.log('\nmeasuring outbox-drain side by side (1,000 items each way) …');
		const sideBySide = await measureOutboxDrainSideBySide({
			client: db.client,
			baseUrl: server.baseUrl,
			cookie,
			items: 1_000
		});
		return figures.some(
			(f) => f.http.errors + f.inProcess.errors + f.ceiling.errors + f.raw.errors > 0
		) ||
			placement.http.errors + placement.verb.errors + placement.raw.errors > 0 ||
			countApply.http.errors + countApply.verb.errors > 0 ||
			[drain, ...sideBySide].some((f) => f.lost + f.duplicated > 0)
			? 1
			: 0;
	} finally {
		await stopAll();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
