import { parseCommand, UsageError, type Command } from './command';
import { databaseUrl, DB_HELP, DB_OPTION, openDatabase } from './database';

const HELP = `Usage: npm run ordo -- customers duplicates [--json] [--min-score X] [--full] [--db URL]

Prints the likely duplicate customers, best first, after bringing the candidates up to
date (every customer changed since the finder last looked is compared first).

  --json         an array of { "a": { "id", "externalId" }, "b": { … }, "score", "reasons": [...] }
  --min-score X  only pairs scoring X or more (0–1; default: the shop's setting, 0.8)
  --full         run a full scan of every customer first (sorted neighbourhood, ≤ 42 comparisons each)
${DB_HELP}`;

type Pair = {
	a: { id: string; number: string; name: string; externalId: string | null };
	b: { id: string; number: string; name: string; externalId: string | null };
	score: number;
	reasons: string[];
};

function readMinScore(raw: string | undefined): number | undefined {
	if (raw === undefined) return undefined;
	const n = Number(raw);
	if (raw.trim() === '' || Number.isNaN(n) || n < 0 || n > 1)
		throw new UsageError(`--min-score takes a number from 0 to 1, not "${raw}"`, 'customers');
	return n;
}

export const command: Command = {
	help: HELP,
	async run(argv) {
		const { values, positionals } = parseCommand('customers', argv, {
			...DB_OPTION,
			json: { type: 'boolean' },
			'min-score': { type: 'string' },
			full: { type: 'boolean' }
		});
		if (values.help) return void console.log(HELP);
		const [action, extra] = positionals;
		if (action !== 'duplicates')
			throw new UsageError(
				action
					? `unknown customers action "${action}"; known: duplicates`
					: 'say what to do: customers duplicates',
				'customers'
			);
		if (extra) throw new UsageError(`unexpected argument "${extra}"`, 'customers');
		const minScore = readMinScore(values['min-score']);
		const client = await openDatabase(databaseUrl(values.db));
		try {
			const pairs = await currentPairs(client, { minScore, full: values.full ?? false });
			if (values.json) {
				const out = pairs.map((p) => ({
					a: { id: p.a.id, externalId: p.a.externalId },
					b: { id: p.b.id, externalId: p.b.externalId },
					score: p.score,
					reasons: p.reasons
				}));
				console.log(JSON.stringify(out, null, 2));
				return;
			}
			if (pairs.length === 0) return void console.log('No likely duplicates.');
			for (const p of pairs)
				console.log(
					`${p.score.toFixed(2)}  #${p.a.number} ${p.a.name}  ↔  #${p.b.number} ${p.b.name}\n      ${p.reasons.join('; ')}`
				);
			console.log(`${pairs.length} pair${pairs.length === 1 ? '' : 's'}`);
		} finally {
			client.close();
		}
	}
};

async function currentPairs(
	client: import('@libsql/client').Client,
	{ minScore, full }: { minScore: number | undefined; full: boolean }
): Promise<Pair[]> {
	const { drizzleOver } = await import('../../db/client');
	const { systemCtx } = await import('../../worker/core/context');
	const { refreshAllDuplicates } =
		await import('../../worker/features/customers/duplicates/refresh-duplicates');
	const { scanAllDuplicates } =
		await import('../../worker/features/customers/duplicates/scan-all-duplicates');
	const { listDuplicates } =
		await import('../../worker/features/customers/duplicates/list-duplicates');
	const ctx = systemCtx(drizzleOver(client));
	if (full) await scanAllDuplicates({ ctx });
	else await refreshAllDuplicates({ ctx });
	const pairs: Pair[] = [];
	let cursor: string | undefined;
	do {
		const page = await listDuplicates({ ctx, input: { minScore, cursor, limit: 200 } });
		pairs.push(...(page.items as Pair[]));
		cursor = page.next ?? undefined;
	} while (cursor);
	return pairs;
}
