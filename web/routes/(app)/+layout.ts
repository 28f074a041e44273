import { redirect } from '@sveltejs/kit';
import { mfaHref } from '$lib/auth/mfa-href';
import { signInHref } from '$lib/auth/next';
import { session } from '$lib/auth/session.svelte';
import type { LayoutLoad } from './$types';

// Runs when the person enters the signed-in part of the app, not on every page
// change inside it (it reads `url` only on the way out). An expired session met
// later is handled where the API answers 401 (see $lib/auth/expired.ts).
export const load: LayoutLoad = async ({ url }) => {
	const state = await session.refresh({ reuseFresh: true });
	if (state !== 'signed-out') return;
	// A password without its second factor yet (e.g. a reload on the way): finish that first.
	if (session.refusal?.type.endsWith(':mfa-required')) {
		redirect(307, mfaHref('mfa_verify', url.pathname + url.search));
	}
	redirect(307, signInHref(url));
};
