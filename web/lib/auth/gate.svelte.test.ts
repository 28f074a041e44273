import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../problem';
import { Action } from '../ui/action.svelte';
import { reauthGate, ReauthCancelled, withReauth } from './gate.svelte';
import { idle } from './idle.svelte';

const refusal = (status: number, type: string) =>
	new ApiProblem({ type, title: 'Refused', status });
const STEP_UP = refusal(403, 'urn:ordo:problem:reauth-required');

/** A call refused once with `first`, then answered. */
function refusedOnce(first: ApiProblem) {
	return vi.fn().mockRejectedValueOnce(first).mockResolvedValue('done');
}

describe('withReauth', () => {
	it('asks for a step-up and sends the call once more after it', async () => {
		const call = refusedOnce(STEP_UP);
		const result = withReauth(call);
		await vi.waitFor(() => expect(reauthGate.stepUp).toBe(true));
		reauthGate.done();
		await expect(result).resolves.toBe('done');
		expect(call).toHaveBeenCalledTimes(2);
		expect(reauthGate.stepUp).toBe(false);
	});

	it('makes no change when the person declines the step-up', async () => {
		const call = refusedOnce(STEP_UP);
		const result = withReauth(call);
		await vi.waitFor(() => expect(reauthGate.stepUp).toBe(true));
		reauthGate.cancel();
		await expect(result).rejects.toBeInstanceOf(ReauthCancelled);
		expect(call).toHaveBeenCalledTimes(1);
	});

	it('answers a 401 by ending the session over the page, then carries on', async () => {
		const call = refusedOnce(refusal(401, 'urn:ordo:problem:unauthenticated'));
		const result = withReauth(call);
		await vi.waitFor(() => expect(idle.state).toBe('ended'));
		idle.resume();
		reauthGate.done();
		await expect(result).resolves.toBe('done');
	});

	it('shows any other refusal as it is, without asking', async () => {
		const forbidden = refusal(403, 'urn:ordo:problem:forbidden');
		const call = refusedOnce(forbidden);
		await expect(withReauth(call)).rejects.toBe(forbidden);
		expect(reauthGate.stepUp).toBe(false);
		expect(call).toHaveBeenCalledTimes(1);
	});
});

describe('Action', () => {
	it('is busy while it runs, keeps the problem it met, and runs one submission at a time', async () => {
		let refuse!: (error: unknown) => void;
		const action = new Action(() => new Promise<string>((_, reject) => (refuse = reject)));
		const first = action.submit();
		expect(action.busy).toBe(true);
		await expect(action.submit()).resolves.toBeUndefined();
		refuse(
			new ApiProblem({
				type: 'urn:ordo:problem:invalid-input',
				title: 'Some fields need attention',
				status: 422,
				errors: { name: ['Enter a name'] }
			})
		);
		await expect(first).resolves.toBeUndefined();
		expect(action.busy).toBe(false);
		expect(action.fieldErrors('name')).toEqual(['Enter a name']);
	});
});
