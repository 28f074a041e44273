import { mkdirSync, rmSync } from 'node:fs';
import { createClient } from '@libsql/client';
import { drizzleOver } from '../db/client';
import { migrate } from '../db/migrate';
import { systemCtx } from '../worker/core/context';
import { comparisonBudget } from '../worker/features/customers/duplicates/blocking';
import { generateLabelledSet } from '../worker/features/customers/duplicates/labelled-set';
import { prepare, type MatchInput } from '../worker/features/customers/duplicates/prepare';
import { measureQuality } from '../worker/features/customers/duplicates/quality';
import { scanAllDuplicates } from '../worker/features/customers/duplicates/scan-all-duplicates';
import { scanForDuplicates } from '../worker/features/customers/duplicates/scan';
import { DEFAULT_MIN_SCORE } from '../worker/features/customers/duplicates/settings';
import { describeMachine } from './machine';

// `npm run bench -- --duplicates [--scan-customers N] [--db-customers N]`: the duplicate
// finder's full scan and its quality on the labelled set (worker/features/customers/duplicates).

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** A labelled set of about `customers` records (each person yields 1.45 on average). */
const setOf = (customers: number, seed: number) =>
	generateLabelledSet({ seed, people: Math.round(customers / 1.45) });

function quality() {
	const q = measureQuality(generateLabelledSet({ seed: 2026, people: 20_000 }), DEFAULT_MIN_SCORE);
	console.log(
		`labelled set: ${q.records} customers, ${q.truePairs} true duplicate pairs (twins and family members at one address among the non-duplicates)`
	);
	console.log(
		`  at the default threshold ${DEFAULT_MIN_SCORE}: precision ${q.precision.toFixed(3)}, recall ${q.recall.toFixed(3)}, F1 ${q.f1.toFixed(3)} (goal P ≥ 0.98, R ≥ 0.90)`
	);
	return q;
}

function memoryScan(customers: number) {
	const set = setOf(customers, 1);
	const started = performance.now();
	const records = set.records.map(prepare);
	const prepared = performance.now();
	const { pairs, comparisons } = scanForDuplicates(records, DEFAULT_MIN_SCORE);
	const done = performance.now();
	const n = records.length;
	console.log(
		`full scan in memory: ${n} customers in ${seconds(done - started)} s (prepare ${seconds(prepared - started)} s, compare ${seconds(done - prepared)} s; goal < 60 s)`
	);
	console.log(
		`  ${comparisons} comparisons = ${(comparisons / n).toFixed(1)}·N (ceiling ${comparisonBudget(n) / n}·N ≤ 50·N), ${pairs.length} pairs proposed`
	);
	return { customers: n, ms: Math.round(done - started), comparisons, pairs: pairs.length };
}

async function insertAll(client: ReturnType<typeof createClient>, records: MatchInput[]) {
	for (let i = 0; i < records.length; i += 2000) {
		const chunk = JSON.stringify(records.slice(i, i + 2000));
		await client.batch(
			[
				{
					sql: `INSERT INTO customers (id, number, name, given_name, family_name, date_of_birth, country)
					SELECT value->>'id', value->>'id', (value->>'givenName') || ' ' || (value->>'familyName'),
						value->>'givenName', value->>'familyName', value->>'dateOfBirth', 'GB' FROM json_each(?)`,
					args: [chunk]
				},
				{
					sql: `INSERT INTO customer_emails (id, customer_id, email, original, is_primary)
					SELECT c.value->>'id' || '-e', c.value->>'id', e.value, e.value, 1 FROM json_each(?) c, json_each(c.value, '$.emails') e`,
					args: [chunk]
				},
				{
					sql: `INSERT INTO customer_phones (id, customer_id, e164, original, is_primary)
					SELECT c.value->>'id' || '-p', c.value->>'id', p.value, p.value, 1 FROM json_each(?) c, json_each(c.value, '$.phones') p`,
					args: [chunk]
				},
				{
					sql: `INSERT INTO customer_addresses (id, customer_id, kind, line1, postal_code, postal_key, country)
					SELECT c.value->>'id' || '-a', c.value->>'id', 'shipping', a.value->>'line1', a.value->>'postcode',
						lower(replace(a.value->>'postcode', ' ', '')), 'GB' FROM json_each(?) c, json_each(c.value, '$.addresses') a`,
					args: [chunk]
				}
			],
			'write'
		);
	}
}

async function databaseScan(customers: number) {
	const path = `.data/bench-duplicates-${customers}.db`;
	mkdirSync('.data', { recursive: true });
	rmSync(path, { force: true });
	const client = createClient({ url: `file:${path}` });
	try {
		await migrate(client);
		const seedStart = performance.now();
		await insertAll(client, setOf(customers, 3).records);
		await client.execute('DELETE FROM customer_duplicate_queue');
		console.log(
			`database: ${customers} customers with emails, phones and addresses written in ${seconds(performance.now() - seedStart)} s`
		);
		const scan = await scanAllDuplicates({ ctx: systemCtx(drizzleOver(client)) });
		console.log(
			`full scan from the database: ${scan.customers} customers in ${seconds(scan.readMs + scan.scanMs)} s (read ${seconds(scan.readMs)} s, compare ${seconds(scan.scanMs)} s), ${scan.comparisons} comparisons = ${(scan.comparisons / scan.customers).toFixed(1)}·N, ${scan.pairs} pairs stored`
		);
		return scan;
	} finally {
		client.close();
		for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
	}
}

export async function benchDuplicates(argv: string[]): Promise<number> {
	const flag = (name: string, fallback: number) => {
		const at = argv.indexOf(name);
		return at >= 0 ? Number(argv[at + 1]) : fallback;
	};
	const machine = describeMachine();
	console.log(
		`\nduplicates: machine ${machine.cpus}× ${machine.cpuModel}, load ${machine.loadAverage.join(' ')}`
	);
	quality();
	memoryScan(flag('--scan-customers', 1_000_000));
	await databaseScan(flag('--db-customers', 100_000));
	return 0;
}
