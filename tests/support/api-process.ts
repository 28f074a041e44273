// The Hono API alone in a process of its own over a libSQL file, for tests that need
// several processes writing one database (the race proof): no build, no SvelteKit.
// Run: node --import tsx tests/support/api-process.ts  (LIBSQL_URL, PORT, ORDO_DATA_KEY)
import { serve } from '@hono/node-server';
import { api } from '../../worker/app';

const env = { LIBSQL_URL: process.env.LIBSQL_URL, ORDO_DATA_KEY: process.env.ORDO_DATA_KEY };
const port = Number(process.env.PORT);
serve({ fetch: (request) => api.fetch(request, env), port, hostname: '127.0.0.1' }, () =>
	console.log(`api process ${process.pid} on ${port}`)
);
