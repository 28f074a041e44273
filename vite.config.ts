import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { serverEntries } from './scripts/build/server-entries.ts';

// Test layers (docs/architecture.md): `unit` holds pure rules beside their code,
// `api` drives the Hono app against a fresh libSQL file per test file. The edge
// layer runs inside workerd and has its own config (vitest.edge.config.ts).
export default defineConfig({
	plugins: [sveltekit(), serverEntries()],
	test: {
		// Every seal logs its anchor for the operator's log stream (SECURITY.md); in tests
		// that is hundreds of lines that hide the failures.
		onConsoleLog: (log) => !log.startsWith('audit.anchor'),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: [
						'worker/**/*.test.ts',
						'db/**/*.test.ts',
						'scripts/**/*.test.ts',
						'web/**/*.test.ts'
					]
				}
			},
			{
				extends: true,
				test: {
					name: 'api',
					environment: 'node',
					include: ['tests/api/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
