import { describe, expect, it } from 'vitest';
import { readProblem } from './problem';

const answer = (body: unknown, status = 422) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/problem+json' }
	});

describe('readProblem', () => {
	it('rewords a detail written for API clients before a person sees it', async () => {
		const problem = await readProblem(
			answer({
				type: 'urn:ordo:problem:invalid-input',
				title: 'Some fields need attention',
				detail: 'Correct the fields listed in `errors` and send the request again.',
				errors: { email: ['Enter an email address like name@example.com'] }
			})
		);
		expect(problem.detail).toBe('Correct the fields marked below and try again.');
		expect(problem.errors?.email).toHaveLength(1);
	});

	it('keeps a detail already written for a person', async () => {
		const detail = 'Wait 15 minutes, or ask an admin to unlock your account.';
		const problem = await readProblem(answer({ type: 'x', title: 'Locked', detail }, 423));
		expect(problem).toMatchObject({ title: 'Locked', detail, status: 423 });
	});
});
