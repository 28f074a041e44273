import { client } from '$lib/api';
import { withReauth } from '$lib/auth/gate.svelte';
import { request } from '$lib/request';
import { Confirmation } from '$lib/ui';
import { article } from './article';
import type { StaffAccount } from './types';

// Changes go through the confirmation's Action, which answers a 401 or a step-up.
const call = request;

/** POST /api/users/{id}/temporary-password (PCI DSS 8.3.5): the password comes back once. */
function setTemporaryPassword(id: string) {
	return request(client.users[':id']['temporary-password'].$post({ param: { id } }));
}

/**
 * The staff list and the changes an admin makes to it. Every change is confirmed
 * first (each ends the person's sessions at once, PCI DSS 8.2.6) and says what
 * happened; a refusal shows the API's own title in the confirmation.
 */
export class StaffDirectory {
	items = $state<StaffAccount[]>([]);
	/** What the last change did, for the status line. */
	done = $state<string | null>(null);
	/** A temporary password just set, shown once until dismissed. */
	temporary = $state<{ name: string; password: string } | null>(null);
	readonly confirmation = new Confirmation();

	reset(items: StaffAccount[]): void {
		this.items = items;
	}

	async reload(): Promise<void> {
		this.items = (await withReauth(() => request(client.users.$get()))).items;
	}

	askRole(user: StaffAccount, role: string): void {
		this.#ask({
			title: `Make ${user.name} ${role}?`,
			message: `They are signed out everywhere now and sign in again with what ${article(role)} ${role} may do.`,
			confirmLabel: 'Change role',
			run: async () => {
				const param = { id: user.id };
				const json = { role: role as StaffAccount['role'] };
				this.#replace(await call(client.users[':id'].role.$post({ param, json })));
				return `${user.name} is now ${role}.`;
			}
		});
	}

	askDisable(user: StaffAccount): void {
		this.#ask({
			title: `Disable ${user.name}?`,
			message: 'They are signed out everywhere now and cannot sign in until enabled again.',
			confirmLabel: 'Disable',
			run: async () => {
				this.#replace(await call(client.users[':id'].disable.$post({ param: { id: user.id } })));
				return `${user.name} is disabled.`;
			}
		});
	}

	askEnable(user: StaffAccount): void {
		this.#ask({
			title: `Enable ${user.name}?`,
			message: 'They can sign in again. This also lifts a lockout after failed attempts.',
			confirmLabel: 'Enable',
			run: async () => {
				this.#replace(await call(client.users[':id'].enable.$post({ param: { id: user.id } })));
				return `${user.name} can sign in again.`;
			}
		});
	}

	askSignOut(user: StaffAccount): void {
		this.#ask({
			title: `Sign ${user.name} out everywhere?`,
			message: 'Every device they are signed in on asks them to sign in again.',
			confirmLabel: 'Sign out everywhere',
			run: async () => {
				const param = { id: user.id };
				await call(client.users[':id'].sessions.revoke.$post({ param }));
				return `${user.name} is signed out everywhere.`;
			}
		});
	}

	askResetMfa(user: StaffAccount): void {
		this.#ask({
			title: `Reset ${user.name}'s authenticator?`,
			message:
				'Their authenticator and recovery codes stop working and they are signed out. ' +
				'Do this only after checking who is asking: they set up a new one at their next sign-in.',
			confirmLabel: 'Reset authenticator',
			run: async () => {
				const param = { id: user.id };
				this.#replace(await call(client.users[':id'].mfa.reset.$post({ param })));
				return `${user.name} sets up a new authenticator at their next sign-in.`;
			}
		});
	}

	askTemporaryPassword(user: StaffAccount): void {
		this.#ask({
			title: `Set a temporary password for ${user.name}?`,
			message:
				'Their current password stops working and they are signed out everywhere. ' +
				'They must choose a new password the first time they sign in with it.',
			confirmLabel: 'Set temporary password',
			run: async () => {
				const { temporaryPassword } = await setTemporaryPassword(user.id);
				this.temporary = { name: user.name, password: temporaryPassword };
				return `${user.name} has a temporary password.`;
			}
		});
	}

	#ask(request: {
		title: string;
		message: string;
		confirmLabel: string;
		run: () => Promise<string>;
	}): void {
		this.done = null;
		this.confirmation.ask({
			...request,
			run: async () => {
				this.done = await request.run();
			}
		});
	}

	#replace(account: StaffAccount): void {
		this.items = this.items.map((item) => (item.id === account.id ? account : item));
	}
}
