import { error } from '@sveltejs/kit';
import { ApiProblem } from '../problem';
import { withReauth } from './gate.svelte';

/**
 * For load functions: the API's answer, or the app's error page for a refusal (403
 * says who can help, 404 not found). A 401 is the same policy as everywhere else:
 * the password is asked for over the page the person is on, then the load goes on.
 */
export async function loadFromApi<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await withReauth(call);
	} catch (problem) {
		if (problem instanceof ApiProblem) {
			error(problem.status || 503, { message: problem.problem.title });
		}
		throw problem;
	}
}
