// See https://svelte.dev/docs/kit/types#app.d.ts
// Workers types are imported, not global: globally they would replace the DOM's
// fetch types that the browser code and the tests are written against.
import type { CacheStorage, ExecutionContext } from '@cloudflare/workers-types';

declare global {
	namespace App {
		interface Platform {
			env: import('../worker/core/context').Bindings;
			ctx: ExecutionContext;
			caches: CacheStorage;
		}
	}
}

export {};
