import type { Plugin } from 'vite';

/** Modules the SSR build emits beside SvelteKit's server (.svelte-kit/output/server/<name>.js). */
export const SERVER_ENTRIES = {
	/** The Worker's Cron Trigger handler; scripts/build/adapter.ts exports it from the entry. */
	'ordo-scheduled': 'worker/scheduled.ts',
	/** The API for the embedded Node server (scripts/serve/app.ts). */
	'ordo-api': 'worker/serve-api.ts'
} as const;

/**
 * Adds SERVER_ENTRIES to the server build SvelteKit configures, so they share its chunks:
 * one copy of the app's code in the Worker bundle, one instance of it in a Node process.
 */
export function serverEntries(): Plugin {
	return {
		name: 'ordo-server-entries',
		config(config) {
			if (!config.build?.ssr) return;
			return { build: { rollupOptions: { input: { ...SERVER_ENTRIES } } } };
		}
	};
}
