// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Platform {
			env: { LIBSQL_URL?: string; LIBSQL_AUTH_TOKEN?: string };
			ctx: ExecutionContext;
			caches: CacheStorage;
		}
	}
}

export {};
