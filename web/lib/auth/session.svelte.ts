import { client } from '../api';
import { ApiProblem, type Problem } from '../problem';
import { signedInOnline, signedOut } from '../offline/device';
import { request } from '../request';
import type { SignInStep } from './mfa-href';
import type { Permission } from './permission';

export type StaffUser = { id: string; email: string; name: string; role: string };
export type SessionState = 'signed-in' | 'signed-out' | 'offline';

// The session cookie is HttpOnly, so the page cannot see who is signed in without
// asking the API. Offline it cannot ask; remembering the last person (no secrets:
// name, email, role) and what they were last confirmed to do lets the shell show
// who is using it, and only their areas, while the network is gone.
const REMEMBERED = 'ordo.session';
type Remembered = { user: StaffUser; permissions: Permission[] };
// A confirmation this recent is reused instead of asking again (sign-in confirms,
// then the app layout would ask the same question a moment later).
const FRESH_MS = 10_000;

function remembered(): Remembered | null {
	try {
		const raw = localStorage.getItem(REMEMBERED);
		return raw ? (JSON.parse(raw) as Remembered) : null;
	} catch {
		return null;
	}
}

/** Who is using this device, as the API last confirmed. */
export class Session {
	user = $state<StaffUser | null>(null);
	permissions = $state<Permission[]>([]);
	/** True while the person shown is remembered, not confirmed (offline). */
	unconfirmed = $state(false);
	/** Why the API last refused the session, e.g. a second factor is still needed. */
	refusal = $state<Problem | null>(null);
	/** How long the server keeps an idle session (PCI DSS 8.2.8), for the idle warning. */
	idleTimeoutMs = $state<number | null>(null);
	/** Someone else set the password: only choosing a new one is open (PCI DSS 8.3.5). */
	passwordChangeRequired = $state(false);
	/** A second factor guards this account: it is never unlocked offline on a password alone. */
	mfaEnrolled = $state(false);
	#confirmedAt = 0;

	can(permission: Permission): boolean {
		return this.permissions.includes(permission);
	}

	/** Asks the API; offline, falls back to the person last confirmed on this device. */
	async refresh({ reuseFresh = false } = {}): Promise<SessionState> {
		if (reuseFresh && this.user && Date.now() - this.#confirmedAt < FRESH_MS) return 'signed-in';
		try {
			const me = await request(client.auth.me.$get());
			// The API names only permissions from its own map (worker/core/access/permissions.ts).
			this.#confirm(me.user, me.permissions as Permission[]);
			this.idleTimeoutMs = me.idleTimeoutMs;
			this.passwordChangeRequired = me.passwordChangeRequired;
			this.mfaEnrolled = me.mfaEnrolled;
			return 'signed-in';
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			if (error.status === 0) {
				const last = remembered();
				this.user = last?.user ?? null;
				this.permissions = last?.permissions ?? [];
				this.unconfirmed = this.user !== null;
				return this.user ? 'offline' : 'signed-out';
			}
			this.forget();
			if (error.status !== 401 && error.status !== 403) throw error;
			this.refusal = error.problem;
			return 'signed-out';
		}
	}

	/**
	 * Signs in and confirms the session can be used. An account that needs a second
	 * factor, or a new password, gets a cookie that opens only that step: the step is
	 * returned instead.
	 */
	async signIn(credentials: {
		email: string;
		password: string;
	}): Promise<SessionState | SignInStep> {
		const { next } = await request(client.auth['sign-in'].$post({ json: credentials }));
		if (next) return next;
		const state = await this.refresh();
		if (state === 'signed-in') this.signedInWith(credentials.password);
		return state;
	}

	/**
	 * The server has just accepted this person's password (sign-in, re-authentication, a
	 * new password): the device unlocks and, for an account without a second factor,
	 * keeps a verifier for unlocking offline (web/lib/offline).
	 */
	signedInWith(password: string | null): void {
		if (!this.user) return;
		signedInOnline(this.user, this.mfaEnrolled ? null : password);
	}

	async signOut(): Promise<void> {
		try {
			await request(client.auth['sign-out'].$post());
		} finally {
			// Forget locally even if the server could not be told: the person asked to leave.
			// With them go the offline verifiers and last-known copies (not queued work).
			this.forget();
			await signedOut();
		}
	}

	forget(): void {
		this.user = null;
		this.permissions = [];
		this.unconfirmed = false;
		this.#confirmedAt = 0;
		localStorage.removeItem(REMEMBERED);
		// The shape before permissions were remembered too.
		localStorage.removeItem('ordo.user');
	}

	#confirm(user: StaffUser, permissions: Permission[]): void {
		this.user = user;
		this.permissions = permissions;
		this.unconfirmed = false;
		this.refusal = null;
		this.#confirmedAt = Date.now();
		localStorage.setItem(REMEMBERED, JSON.stringify({ user, permissions } satisfies Remembered));
	}
}

export const session = new Session();
