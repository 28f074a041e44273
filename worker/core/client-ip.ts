// The web layer (web/hooks.server.ts) sets this from SvelteKit's getClientAddress()
// — Cloudflare's connecting IP in workerd, the socket address under Node — after
// removing any value a client sent, so the API can trust it.
export const CLIENT_IP_HEADER = 'x-ordo-client-ip';
