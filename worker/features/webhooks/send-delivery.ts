import { signWebhook, SIGNATURE_HEADER } from '../../lib/webhook-signature';
import { checkEndpointUrl } from './endpoint-url';

/** How long a receiver has to answer. */
export const SEND_TIMEOUT_MS = 10_000;

export type Outgoing = {
	deliveryId: string;
	url: string;
	secret: string;
	event: { id: string; type: string; createdAt: number; data: unknown };
};

/** What happened, in Ordo's own words: never the receiver's body or a header it sent. */
export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null };

/** The body receivers get: `{ id, type, created, data }`, `created` as ISO 8601 UTC. */
export function payloadOf(event: Outgoing['event']): string {
	return JSON.stringify({
		id: event.id,
		type: event.type,
		created: new Date(event.createdAt).toISOString(),
		data: event.data
	});
}

/**
 * One signed POST. Redirects are never followed (a 3xx is a failure: following one could
 * take the signed event to another host); the address is checked again as it is sent,
 * since the dev flag may have been turned off since the endpoint was saved.
 */
export async function sendDelivery(
	out: Outgoing,
	{ allowPrivate, fetcher = fetch }: { allowPrivate: boolean; fetcher?: typeof fetch }
): Promise<SendOutcome> {
	const checked = checkEndpointUrl(out.url, { allowPrivate });
	if (!checked.ok) return { ok: false, statusCode: null, error: `Not sent: ${checked.reason}` };
	const body = payloadOf(out.event);
	let res: Response;
	try {
		res = await fetcher(checked.url, {
			method: 'POST',
			redirect: 'manual',
			signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
			headers: {
				'content-type': 'application/json',
				'user-agent': 'Ordo-Webhooks/1',
				[SIGNATURE_HEADER]: await signWebhook(out.secret, body, Date.now()),
				'ordo-event-id': out.event.id,
				'ordo-event-type': out.event.type,
				'ordo-delivery-id': out.deliveryId
			},
			body
		});
	} catch (error) {
		const name = (error as { name?: string }).name;
		const timedOut = name === 'TimeoutError' || name === 'AbortError';
		return {
			ok: false,
			statusCode: null,
			error: timedOut ? `No answer within ${SEND_TIMEOUT_MS / 1000} s` : 'Could not connect'
		};
	}
	// The body is not read (it is not ours to keep); cancelling frees the connection.
	await res.body?.cancel().catch(() => undefined);
	if (res.status >= 200 && res.status < 300)
		return { ok: true, statusCode: res.status, error: null };
	if (res.status >= 300 && res.status < 400)
		return {
			ok: false,
			statusCode: res.status,
			error: `HTTP ${res.status}: redirects are not followed`
		};
	return { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
}
