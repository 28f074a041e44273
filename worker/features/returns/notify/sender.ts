import type { Bindings } from '../../../core/context';
import { webhookSender } from './webhook-sender';

/**
 * Customer notifications leave Ordo through one of these (issue 11: "sending pluggable").
 * The job (deliver-notifications.ts) hands each pending message to the configured sender
 * and records what it answered; a sender never writes to the database itself.
 */
export type OutgoingNotification = {
	id: string;
	template: string;
	channel: 'email' | 'sms';
	/** The customer's primary email or phone (by channel); null when they have none. */
	to: string | null;
	subject: string;
	body: string;
	createdAt: number;
};

/** `retry: false` when trying again cannot help (no address); the error is Ordo's words. */
export type SendResult = { ok: true } | { ok: false; error: string; retry: boolean };

export type NotificationSender = {
	/** Stored as customer_notifications.sent_via. */
	via: 'ui' | 'webhook';
	send: (message: OutgoingNotification) => Promise<SendResult>;
};

/**
 * The embedded default: the message is shown on the return (and the customer's timeline
 * view) for the rep to pass on; nothing leaves Ordo. Marked sent via 'ui' so the outbox
 * does not grow and the screen says "shown here, not sent".
 */
export const uiSender: NotificationSender = { via: 'ui', send: async () => ({ ok: true }) };

export type SenderChoice = { ok: true; sender: NotificationSender } | { ok: false; reason: string };

/** The sender NOTIFY_SENDER names (ui when unset); a half-configured gateway is refused. */
export function notificationSender(
	env: Bindings,
	{ fetcher }: { fetcher?: typeof fetch } = {}
): SenderChoice {
	const kind = (env.NOTIFY_SENDER ?? 'ui').trim().toLowerCase();
	if (kind === 'ui' || kind === '') return { ok: true, sender: uiSender };
	if (kind !== 'webhook')
		return { ok: false, reason: `NOTIFY_SENDER is "${kind}": use ui or webhook` };
	const url = env.NOTIFY_WEBHOOK_URL?.trim();
	const secret = env.NOTIFY_WEBHOOK_SECRET?.trim();
	if (!url || !secret)
		return {
			ok: false,
			reason: 'NOTIFY_SENDER is webhook but NOTIFY_WEBHOOK_URL or NOTIFY_WEBHOOK_SECRET is not set'
		};
	const allowHttp = env.ORDO_WEBHOOKS_ALLOW_PRIVATE === '1';
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { ok: false, reason: 'NOTIFY_WEBHOOK_URL is not a URL' };
	}
	if (parsed.protocol !== 'https:' && !(allowHttp && parsed.protocol === 'http:'))
		return { ok: false, reason: 'NOTIFY_WEBHOOK_URL must be https' };
	return { ok: true, sender: webhookSender({ url: parsed.href, secret, fetcher }) };
}
