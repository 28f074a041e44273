import { client } from '$lib/api';
import { reauthIfSignedOut } from '$lib/auth/signed-out';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import type { StaffAccount } from './types';

type Field = 'name' | 'email' | 'role' | 'password';

/** The "new staff account" form: what was typed, and what the API said about it. */
export class NewStaffForm {
	name = $state('');
	email = $state('');
	role = $state('support');
	password = $state('');
	busy = $state(false);
	problem = $state<Problem | null>(null);

	fieldErrors(field: Field): string[] {
		return this.problem?.errors?.[field] ?? [];
	}

	/** Resolves to the new person's name once created; the form is then cleared. */
	async submit(): Promise<string | null> {
		if (this.busy) return null;
		this.busy = true;
		this.problem = null;
		try {
			const json = {
				name: this.name,
				email: this.email,
				role: this.role as StaffAccount['role'],
				password: this.password
			};
			const created = await request(client.users.$post({ json }));
			this.name = '';
			this.email = '';
			this.password = '';
			return created.name;
		} catch (error) {
			// A 401 keeps everything typed here for after signing in again.
			reauthIfSignedOut(error);
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
			return null;
		} finally {
			this.busy = false;
		}
	}
}
