import { client } from '$lib/api';
import { reauthIfSignedOut } from '$lib/auth/signed-out';
import { request } from '$lib/request';
import { Confirmation } from '$lib/ui';

/** "Sign out everywhere else": ends every session but this one (OWASP ASVS V7.4). */
export class OtherSessions {
	done = $state(false);
	readonly confirmation = new Confirmation();

	ask(): void {
		this.done = false;
		this.confirmation.ask({
			title: 'Sign out everywhere else?',
			message:
				'Every other phone, tablet or browser signed in as you asks for your password again. ' +
				'You stay signed in here.',
			confirmLabel: 'Sign out everywhere else',
			run: async () => {
				try {
					await request(client.users.me.sessions.revoke.$post());
					this.done = true;
				} catch (error) {
					reauthIfSignedOut(error);
					throw error;
				}
			}
		});
	}
}
