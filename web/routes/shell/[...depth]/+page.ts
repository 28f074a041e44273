import { redirect } from '@sveltejs/kit';
import { SHELL_DEPTHS, shellPath } from '$lib/pwa/shell';
import type { EntryGenerator } from './$types';

/*
 * The HTML documents the service worker serves for navigations (web/service-worker.ts).
 * With ssr off each is an empty page that boots the client router, which renders
 * whatever URL was asked for. SvelteKit writes asset paths and its base relative to
 * the page (`../_app/…`) and pins its inline script with a CSP hash, so a shell only
 * works at its own URL depth: one is prerendered per depth instead of rewriting HTML.
 */
export const prerender = true;

export const entries: EntryGenerator = () =>
	SHELL_DEPTHS.map((depth) => ({ depth: shellPath(depth).slice('/shell/'.length) }));

// Only reached when someone opens a shell URL itself.
export function load() {
	redirect(307, '/');
}
