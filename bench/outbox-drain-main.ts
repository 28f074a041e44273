// `npx tsx bench/outbox-drain-main.ts [items] [--one-by-one]`: the outbox drain alone, on a
// fresh small database (the full `npm run bench` runs it too, after count-apply). With
// --one-by-one each item is its own request, as before the batch route, for comparison.
import { DEMO_USERS } from '../scripts/seed/index';
import { seedDemoUsers } from '../scripts/seed/users';
import { measureOutboxDrain, printOutboxDrain } from './outbox-drain';
import { ensureBuilt, signIn, startServer } from './server';
import { freshDatabase } from './stress/fixture';

const items = Number(process.argv[2] ?? 10_000);
const batches = !process.argv.includes('--one-by-one');
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
	process.exitCode = figures.lost + figures.duplicated > 0 ? 1 : 0;
} finally {
	await server.stop();
	db.remove();
}
