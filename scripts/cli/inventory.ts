import type { Client } from '@libsql/client';
import { CommandFailed, parseCommand, UsageError, type Command } from './command';
import { databaseUrl, DB_HELP, DB_OPTION, openDatabase } from './database';

type Difference = {
	sku: string | null;
	product_id: string;
	code: string | null;
	location_id: string;
	on_hand: number;
	reserved: number;
	ledger_on_hand: number;
	ledger_reserved: number;
};

// Every (product, location) that has a level row or a movement, with both sides. A level
// with no movements must be all zero; movements with no level row are a difference too.
// One read, ordered, so the first difference named is the same on every run.
const DIFFERENCES = `
WITH ledger AS (
	SELECT product_id, location_id, SUM(on_hand_delta) AS on_hand, SUM(reserved_delta) AS reserved
	FROM stock_movements GROUP BY product_id, location_id
), pairs AS (
	SELECT l.product_id, l.location_id, l.on_hand, l.reserved,
		COALESCE(g.on_hand, 0) AS ledger_on_hand, COALESCE(g.reserved, 0) AS ledger_reserved
	FROM stock_levels l LEFT JOIN ledger g USING (product_id, location_id)
	UNION ALL
	SELECT g.product_id, g.location_id, 0, 0, g.on_hand, g.reserved
	FROM ledger g
	WHERE NOT EXISTS (SELECT 1 FROM stock_levels l
		WHERE l.product_id = g.product_id AND l.location_id = g.location_id)
)
SELECT p.sku, pairs.product_id, loc.code, pairs.location_id, pairs.on_hand, pairs.reserved,
	pairs.ledger_on_hand, pairs.ledger_reserved
FROM pairs
LEFT JOIN products p ON p.id = pairs.product_id
LEFT JOIN locations loc ON loc.id = pairs.location_id
WHERE pairs.on_hand <> pairs.ledger_on_hand OR pairs.reserved <> pairs.ledger_reserved
ORDER BY p.sku, loc.code, pairs.product_id, pairs.location_id`;

function describe(d: Difference): string {
	const product = d.sku ?? `unknown product ${d.product_id}`;
	const location = d.code ?? `unknown location ${d.location_id}`;
	const parts: string[] = [];
	if (d.on_hand !== d.ledger_on_hand)
		parts.push(`on hand ${d.on_hand}, ledger says ${d.ledger_on_hand}`);
	if (d.reserved !== d.ledger_reserved)
		parts.push(`reserved ${d.reserved}, ledger says ${d.ledger_reserved}`);
	return `${product} at ${location}: ${parts.join('; ')}`;
}

/** Every level that differs from the sum of its movements, first difference first. */
export async function ledgerDifferences(client: Client): Promise<Difference[]> {
	const { rows } = await client.execute(DIFFERENCES);
	return rows.map((r) => ({
		sku: r.sku === null ? null : String(r.sku),
		product_id: String(r.product_id),
		code: r.code === null ? null : String(r.code),
		location_id: String(r.location_id),
		on_hand: Number(r.on_hand),
		reserved: Number(r.reserved),
		ledger_on_hand: Number(r.ledger_on_hand),
		ledger_reserved: Number(r.ledger_reserved)
	}));
}

async function verify(client: Client): Promise<void> {
	const [differences, counts] = await Promise.all([
		ledgerDifferences(client),
		client.execute(
			'SELECT (SELECT count(*) FROM stock_levels) AS levels, (SELECT count(*) FROM stock_movements) AS movements'
		)
	]);
	const levels = Number(counts.rows[0]!.levels);
	const movements = Number(counts.rows[0]!.movements);
	if (differences.length > 0) {
		const more = differences.length > 1 ? ` (and ${differences.length - 1} more)` : '';
		throw new CommandFailed(
			`a stock level differs from its ledger: ${describe(differences[0]!)}${more}`
		);
	}
	console.log(
		`ledger verified: ${levels.toLocaleString('en-GB')} stock levels equal the sums of ${movements.toLocaleString('en-GB')} movements`
	);
}

export const command: Command = {
	help: `Usage: npm run ordo -- inventory verify [--db URL]

verify   proves every stock level (on hand and reserved, per product and location)
         equals the sum of its ledger movements. Exits 1 naming the first difference.

${DB_HELP}`,
	async run(argv) {
		const { values, positionals } = parseCommand('inventory', argv, DB_OPTION);
		if (values.help) return void console.log(this.help);
		const [action, extra] = positionals;
		if (action !== 'verify')
			throw new UsageError(
				action ? `unknown inventory action "${action}"; known: verify` : 'say what to do: verify',
				'inventory'
			);
		if (extra) throw new UsageError(`unexpected argument "${extra}"`, 'inventory');
		const client = await openDatabase(databaseUrl(values.db));
		try {
			await verify(client);
		} finally {
			client.close();
		}
	}
};
