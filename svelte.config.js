// adapter-cloudflare with the generated `_headers` and the Worker's `scheduled` entry.
import { adapter } from './scripts/build/adapter.ts';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const cloudflare = adapter();

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// `vite build` prerenders in a worker thread (SVELTEKIT_FORK) where the adapter's
		// platform emulation starts workerd through wrangler's getPlatformProxy and never
		// disposes it: the thread is terminated and workerd lives on, one orphan per build
		// (issue 6 §5). Prerendered pages may not read platform.env anyway, so the build's
		// worker gets no emulation; `vite dev` keeps it.
		adapter: process.env.SVELTEKIT_FORK ? { ...cloudflare, emulate: undefined } : cloudflare,
		files: { src: 'web', assets: 'static' },
		// The service worker is registered by workbox-window (web/lib/pwa) so the
		// app can offer "Update available" instead of reloading under the user.
		serviceWorker: { register: false },
		// Strict CSP (OWASP ASVS V3.4.3): SvelteKit adds nonces (rendered pages) or
		// hashes (prerendered) for its own inline script, so no 'unsafe-inline' script.
		// Styles allow inline because Svelte transitions set style attributes.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				// 'wasm-unsafe-eval': the ZXing WebAssembly barcode decoder (web/lib/scan/decoder.ts) compiles
				// its .wasm; it allows WebAssembly only, not eval() of JavaScript.
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'media-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
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
