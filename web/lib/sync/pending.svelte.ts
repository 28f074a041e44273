/**
 * How the offline outbox stands, for the app bar: `count` of this person's changes
 * waiting or being sent ("N waiting"), `failed` ones the server refused (each says
 * why on /outbox), and `others` queued on this device by someone else, who must sign
 * in to send them. Set by web/lib/sync/outbox.svelte.ts; kept separate so the app bar
 * does not load IndexedDB code to show a number.
 */
export class PendingChanges {
	count = $state(0);
	failed = $state(0);
	others = $state(0);
}

export const pending = new PendingChanges();
