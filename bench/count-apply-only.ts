import { measureCountApply, printCountApply } from './count-apply';
import { startServer } from './server';
import { freshDatabase } from './stress/fixture';

// `npx tsx bench/count-apply-only.ts [seconds]`: the count-apply path alone on a fresh
// database (the full `npm run bench` runs it last), for a quick figure after a change.
const seconds = Number(process.argv[2] ?? 6);
const db = await freshDatabase('.data/bench-count-apply.db');
const server = await startServer(db.url);
try {
	const figures = await measureCountApply({
		client: db.client,
		baseUrl: server.baseUrl,
		load: { concurrency: 8, durationMs: seconds * 1000, maxRequests: Number.MAX_SAFE_INTEGER }
	});
	printCountApply(figures);
} finally {
	await server.stop();
	db.remove();
}
