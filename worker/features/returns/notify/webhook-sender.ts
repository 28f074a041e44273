import { signWebhook, SIGNATURE_HEADER } from '../../../lib/webhook-signature';
import type { NotificationSender, OutgoingNotification, SendResult } from './sender';

const TIMEOUT_MS = 10_000;

/**
 * The body the shop's gateway gets: one JSON message per notification, signed like Ordo's
 * webhooks (`Ordo-Signature: t=…,v1=HMAC-SHA256(secret, "<t>.<body>")`, docs/webhooks.md),
 * so the gateway verifies it came from Ordo before it emails or texts anyone. `id` is the
 * same on every retry: the gateway sends each id once.
 */
export function notificationPayload(n: OutgoingNotification): string {
	return JSON.stringify({
		id: n.id,
		type: 'customer.notification',
		created: new Date(n.createdAt).toISOString(),
		data: { template: n.template, channel: n.channel, to: n.to, subject: n.subject, body: n.body }
	});
}

/**
 * A generic HTTPS email/SMS gateway (the shop's own relay, or a provider's inbound hook).
 * Redirects are not followed (the signed message would go elsewhere); a 4xx other than
 * 408/429 is the gateway refusing this message, so it is not retried.
 */
export function webhookSender({
	url,
	secret,
	fetcher = fetch
}: {
	url: string;
	secret: string;
	fetcher?: typeof fetch;
}): NotificationSender {
	return {
		via: 'webhook',
		async send(n): Promise<SendResult> {
			if (!n.to)
				return {
					ok: false,
					retry: false,
					error: `The customer has no ${n.channel === 'sms' ? 'mobile number' : 'email address'} on file`
				};
			const body = notificationPayload(n);
			let res: Response;
			try {
				res = await fetcher(url, {
					method: 'POST',
					redirect: 'manual',
					signal: AbortSignal.timeout(TIMEOUT_MS),
					headers: {
						'content-type': 'application/json',
						'user-agent': 'Ordo-Notifications/1',
						[SIGNATURE_HEADER]: await signWebhook(secret, body, Date.now()),
						'ordo-notification-id': n.id
					},
					body
				});
			} catch (error) {
				const name = (error as { name?: string }).name;
				const timedOut = name === 'TimeoutError' || name === 'AbortError';
				return {
					ok: false,
					retry: true,
					error: timedOut
						? `The gateway did not answer within ${TIMEOUT_MS / 1000} s`
						: 'Could not reach the gateway'
				};
			}
			// The reply is not read: it may echo the message, and it is not ours to keep.
			await res.body?.cancel().catch(() => undefined);
			if (res.status >= 200 && res.status < 300) return { ok: true };
			const retry = res.status >= 500 || res.status === 408 || res.status === 429;
			return { ok: false, retry, error: `The gateway answered HTTP ${res.status}` };
		}
	};
}
