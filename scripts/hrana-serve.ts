// Serves a libSQL file over Hrana HTTP, so the built worker in workerd (whose
// @libsql/client speaks only http/https) can reach a local database:
//   npx tsx scripts/hrana-serve.ts --db file:.data/ordo.db --port 8080
// stdout carries only the server's URL, for `npm run dev:edge` to read.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { databasePathFromUrl, startHranaServer } from './hrana/server';

const { values } = parseArgs({
	options: {
		db: { type: 'string', default: 'file:.data/ordo.db' },
		port: { type: 'string', default: '8080' },
		host: { type: 'string', default: '127.0.0.1' }
	}
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
	console.error(`--port must be a port number, got ${values.port}`);
	process.exit(2);
}

mkdirSync(dirname(databasePathFromUrl(values.db)), { recursive: true });
const server = await startHranaServer({ url: values.db, port, host: values.host });
console.log(server.url);
console.error(`serving ${values.db} over Hrana HTTP (v2/v3 JSON); Ctrl-C stops`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void server.close().then(() => process.exit(0));
	});
}
