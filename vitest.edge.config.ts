import { readFileSync } from 'node:fs';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// The edge layer (DESIGN §8): tests that run inside workerd and call the Hono app
// in-process, as the built Worker does, over libSQL HTTP. A config of its own
// because the Cloudflare pool rewrites module resolution (workerd/browser builds,
// no `node` condition) for every project it is part of.
// The compatibility date and flags come from wrangler.toml, so the tests run the
// runtime the deploy gets. The Worker itself is not loaded here (no `main`):
// tests import worker/app.ts, and tests/edge/built-worker.ts runs the bundle.
// Read with a pattern rather than wrangler's readConfig: importing wrangler costs
// seconds, and these two top-level keys are all the tests need.
const wranglerToml = readFileSync('wrangler.toml', 'utf8');
const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(wranglerToml)?.[1];
const flagList = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(wranglerToml)?.[1] ?? '';
const compatibilityFlags = [...flagList.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
if (!compatibilityDate) throw new Error('wrangler.toml has no compatibility_date');

const PREBUNDLED = [
	'@faker-js/faker',
	'@hono/valibot-validator',
	'@libsql/client',
	'@noble/hashes/scrypt.js',
	'@oslojs/crypto/sha2',
	'@oslojs/crypto/subtle',
	'@oslojs/encoding',
	'@oslojs/otp',
	'@valibot/to-json-schema',
	'@zxcvbn-ts/language-common',
	'drizzle-orm',
	'drizzle-orm/batch',
	'drizzle-orm/libsql',
	'drizzle-orm/sqlite-core',
	'hono',
	'hono/cookie',
	'hono/factory',
	'hono/http-exception',
	'hono/utils/http-status',
	'valibot'
];

export default defineConfig({
	plugins: [
		cloudflareTest({
			miniflare: {
				compatibilityDate,
				compatibilityFlags,
				// Returns evidence photos: the R2 binding wrangler.toml declares, simulated by
				// Miniflare (tests/edge/evidence.test.ts hands it to the app as its EVIDENCE).
				r2Buckets: ['EVIDENCE']
			}
		})
	],
	test: {
		name: 'edge',
		include: ['tests/edge/**/*.test.ts'],
		globalSetup: ['tests/edge/global-setup.ts'],
		// The pool inlines every dependency through Vite's module transform: each module
		// is one request from workerd to Vite, and each call between modules becomes a
		// property lookup (noble's scrypt, whose inner loop calls an imported rotl(),
		// then runs ~20x slower than in the built Worker). Pre-bundling the packages the
		// app and the factories import, as the build does, keeps both cheap. A package
		// missing from this list still works, only slower.
		deps: { optimizer: { ssr: { enabled: true, include: PREBUNDLED } } },
		// One isolate runs every file, as one Worker isolate serves many requests: the
		// app and its dependencies load once instead of once per file. The files share
		// nothing else (their own rows, or their own database for the migration test).
		isolate: false,
		// scrypt at production strength, on 2 cores shared with other runs.
		testTimeout: 30_000,
		hookTimeout: 30_000
	}
});
