// What the API says went wrong (RFC 9457, see worker/core/problem.ts), in the shape
// the pages show: `title` for the person, `errors` beside the fields.
export type Problem = {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: Record<string, string[]>;
	requestId?: string;
};

export class ApiProblem extends Error {
	constructor(readonly problem: Problem) {
		super(problem.title);
		this.name = 'ApiProblem';
	}

	get status(): number {
		return this.problem.status;
	}

	/** The messages for one field, empty when it has none. */
	field(name: string): string[] {
		return this.problem.errors?.[name] ?? [];
	}
}

/** Status 0 is "no answer": the request never reached Ordo. */
export function unreachable(online: boolean): Problem {
	return online
		? {
				type: 'urn:ordo:problem:unreachable',
				title: 'Ordo cannot be reached',
				status: 0,
				detail: 'Check the connection and try again.'
			}
		: {
				type: 'urn:ordo:problem:offline',
				title: 'You are offline',
				status: 0,
				detail: 'This needs a connection. It will work again when you are back online.'
			};
}

function isProblem(body: unknown): body is Omit<Problem, 'status'> & { status?: number } {
	return (
		typeof body === 'object' && body !== null && typeof Reflect.get(body, 'title') === 'string'
	);
}

// The API's problems also serve integrators, whose detail may name the document's own
// fields ("Correct the fields listed in `errors`…"). A person sees the field messages
// beside the fields instead, so such a detail is reworded before it reaches a page.
const FOR_DEVELOPERS = /`[^`]+`/;

export function forPeople(problem: Problem): Problem {
	if (!problem.detail || !FOR_DEVELOPERS.test(problem.detail)) return problem;
	const detail = problem.errors ? 'Correct the fields marked below and try again.' : undefined;
	return { ...problem, detail };
}

/** Reads a failed response; a proxy's HTML error page never reaches the person. */
export async function readProblem(response: Response): Promise<Problem> {
	const body: unknown = await response.json().catch(() => null);
	if (isProblem(body)) return forPeople({ ...body, status: response.status });
	return {
		type: 'about:blank',
		title: response.status >= 500 ? 'Ordo had a problem. Try again.' : 'The request failed',
		status: response.status
	};
}
