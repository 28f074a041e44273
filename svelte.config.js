import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		files: { src: 'web', assets: 'static' },
		alias: { $worker: 'worker', $db: 'db' },
		// The service worker is registered by workbox-window (web/lib/pwa) so the
		// app can offer "Update available" instead of reloading under the user.
		serviceWorker: { register: false },
		typescript: {
			config(tsconfig) {
				tsconfig.include.push(
					'../worker/**/*.ts',
					'../db/**/*.ts',
					'../tests/**/*.ts',
					'../scripts/**/*.ts',
					'../bench/**/*.ts',
					'../*.ts'
				);
			}
		}
	}
};

export default config;
