import { noteActivity } from './auth/activity';
import { ApiProblem, readProblem, unreachable } from './problem';

type JsonOf<R> = R extends { json(): Promise<infer T> } ? T : never;

/**
 * Awaits a typed-client call and returns its JSON body, or throws an ApiProblem.
 * A network failure becomes status 0, so every caller has one error shape to show.
 * An abort is rethrown as it is: it means a newer request replaced this one.
 */
export async function request<R extends Response | { ok: boolean; json(): Promise<unknown> }>(
	pending: Promise<R>
): Promise<JsonOf<R>> {
	const sentAt = Date.now();
	let response: R;
	try {
		response = await pending;
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw error;
		throw new ApiProblem(unreachable(navigator.onLine));
	}
	// Any answer but 401 came through a live session, which the server has slid (idle timeout).
	if ((response as unknown as Response).status !== 401) noteActivity(sentAt);
	if (!response.ok) throw new ApiProblem(await readProblem(response as unknown as Response));
	return (await response.json()) as JsonOf<R>;
}

export function isSignedOut(error: unknown): error is ApiProblem {
	return error instanceof ApiProblem && error.status === 401;
}
