// The bindings the edge tests' Miniflare gives (vitest.edge.config.ts), as `cloudflare:workers`
// exports them. Workers types are imported, not global (web/app.d.ts), so declared here.
declare module 'cloudflare:workers' {
	export const env: { EVIDENCE: import('../../worker/core/blob-store').BlobBucket };
}
