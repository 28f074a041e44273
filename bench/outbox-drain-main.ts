// `npx tsx bench/outbox-drain-main.ts [items] [--one-by-one] [--compare=N]`: the outbox drain
// alone, on a fresh small database (the full `npm run bench` runs it too, after count-apply).
// With --one-by-one each item is its own request, as before the batch route. Then, on the
// same server, N items (default 1,000; 0 skips) batched and one by one side by side.
import { DEMO_USERS } from '../scripts/seed/index';
import { seedDemoUsers } from '../scripts/seed/users';
import { measureOutboxDrain, measureOutboxDrainSideBySide, printOutboxDrain } from './outbox-drain';
import { ensureBuilt, signIn, startServer } from './server';
import { freshDatabase } from './stress/fixture';

const items = Number(process.argv[2] ?? 10_000);
const batches = !process.argv.includes('--one-by-one');
const compareArg = process.argv.find((a) => a.startsWith('--compare='));
const compare = compareArg ? Number(compareArg.slice('--compare='.length)) : 1_000;
const db = await freshDatabase('.data/bench-outbox.db');
await seedDemoUsers(db.client, Date.now(), null);
ensureBuilt();
const server = await startServer(db.url);
try {
	const cookie = await signIn(
		server.baseUrl,
		DEMO_USERS.find((u) => u.role === 'warehouse')!
	);
	const figures = await measureOutboxDrain({
		client: db.client,
		baseUrl: server.baseUrl,
		cookie,
		items,
		batches
	});
	printOutboxDrain(figures);
	const sideBySide =
		compare > 0
			? await measureOutboxDrainSideBySide({
					client: db.client,
					baseUrl: server.baseUrl,
					cookie,
					items: compare
				})
			: [];
	const bad = [figures, ...sideBySide].some((f) => f.lost + f.duplicated > 0);
	process.exitCode = bad ? 1 : 0;
} finally {
	await server.stop();
	db.remove();
}
