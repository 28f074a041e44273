import { client } from '$lib/api';
import { request } from '$lib/request';
import { Action } from '$lib/ui/action.svelte';
import type { StaffAccount } from './types';

type Field = 'name' | 'email' | 'role' | 'password';

/** The "new staff account" form: what was typed, and what the API said about it. */
export class NewStaffForm {
	name = $state('');
	email = $state('');
	role = $state<StaffAccount['role']>('support');
	password = $state('');
	// A 401 or a step-up keeps everything typed here for after the password is given again.
	readonly action = new Action(async () => {
		const json = { name: this.name, email: this.email, role: this.role, password: this.password };
		const created = await request(client.users.$post({ json }));
		this.name = '';
		this.email = '';
		this.password = '';
		return created.name;
	});

	get busy(): boolean {
		return this.action.busy;
	}

	get problem() {
		return this.action.problem;
	}

	fieldErrors(field: Field): string[] {
		return this.action.fieldErrors(field);
	}

	/** Resolves to the new person's name once created; the form is then cleared. */
	async submit(): Promise<string | null> {
		return (await this.action.submit()) ?? null;
	}
}
