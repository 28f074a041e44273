import type { Plugin } from 'vite';

/** The SSR build's output name for worker/scheduled.ts (.svelte-kit/output/server/<name>.js). */
export const SCHEDULED_MODULE = 'ordo-scheduled';

/**
 * The Worker's Cron Trigger handler, built with the server so it shares its chunks (one
 * copy of the app's code in the bundle); scripts/build/adapter.ts exports it from the
 * Worker entry. SvelteKit sets the server build's other entries; this adds one.
 */
export function scheduledEntry(): Plugin {
	return {
		name: 'ordo-scheduled-entry',
		config(config) {
			if (!config.build?.ssr) return;
			return {
				build: { rollupOptions: { input: { [SCHEDULED_MODULE]: 'worker/scheduled.ts' } } }
			};
		}
	};
}
