import { client } from '$lib/api';
import { reauthIfSignedOut } from '$lib/auth/signed-out';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import { Confirmation } from '$lib/ui';

export type MySession = {
	id: string;
	device: string;
	createdAt: string;
	lastUsedAt: string;
	current: boolean;
};

/**
 * The person's own sessions (OWASP ASVS V7.5.2): where they are signed in, so they can
 * end one they do not recognise. Ending the current one is signing out, offered elsewhere.
 */
export class MySessions {
	items = $state<MySession[]>([]);
	loaded = $state(false);
	problem = $state<Problem | null>(null);
	readonly confirmation = new Confirmation();

	async load(): Promise<void> {
		try {
			const { items } = await request(client.auth.sessions.$get());
			this.items = items;
			this.problem = null;
		} catch (error) {
			if (reauthIfSignedOut(error)) return;
			if (!(error instanceof ApiProblem)) throw error;
			this.problem = error.problem;
		} finally {
			this.loaded = true;
		}
	}

	ask(session: MySession): void {
		this.confirmation.ask({
			title: `End the session on ${session.device}?`,
			message: 'That device will ask for a password again. You stay signed in here.',
			confirmLabel: 'End session',
			run: async () => {
				try {
					await request(client.auth.sessions[':id'].end.$post({ param: { id: session.id } }));
				} catch (error) {
					reauthIfSignedOut(error);
					// Already gone: the list below says so either way.
					if (!(error instanceof ApiProblem && error.status === 404)) throw error;
				}
				await this.load();
			}
		});
	}
}
