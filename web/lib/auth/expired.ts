import { error, redirect } from '@sveltejs/kit';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { ApiProblem } from '../problem';
import { isSignedOut } from '../request';
import { runtimeRoute } from '../resolve-path';
import { signInHref } from './next';
import { session } from './session.svelte';

/**
 * A 401 from the API means the session ended (15 minutes idle, PCI DSS 8.2.8):
 * forget the person and send them to sign in, coming back here afterwards.
 * For event handlers; returns true when it navigated away.
 */
export function leaveIfSignedOut(problem: unknown): boolean {
	if (!isSignedOut(problem)) return false;
	session.forget();
	void goto(resolve(runtimeRoute(signInHref(location))), { replaceState: true });
	return true;
}

/** The same for load functions, which redirect by throwing; other problems become the error page. */
export function throwForLoad(problem: unknown, url: URL): never {
	if (isSignedOut(problem)) {
		session.forget();
		redirect(307, signInHref(url));
	}
	if (problem instanceof ApiProblem) {
		error(problem.status || 503, { message: problem.problem.title });
	}
	throw problem;
}
