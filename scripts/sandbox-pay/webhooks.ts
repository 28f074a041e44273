import { signPayload } from '../../worker/features/payments/stripe-signature';
import { randomId } from './state';

// Delivers events to Ordo as Stripe does: a JSON `event` POSTed with a Stripe-Signature
// header, retried with exponential backoff while Ordo answers non-2xx or nothing, a
// bounded number of times (Stripe retries for three days; a sandbox gives up sooner).

export type Send = (body: string, headers: Record<string, string>) => Promise<number>;

export type DeliveryOptions = {
	secret: string;
	send: Send;
	/** First retry after this many ms, doubling each time. */
	baseDelayMs?: number;
	maxAttempts?: number;
	now?: () => number;
	log?: (line: string) => void;
};

export type Delivery = {
	eventId: string;
	type: string;
	attempts: number;
	status: number | null;
	delivered: boolean;
};

export function eventEnvelope(type: string, object: unknown, created: number) {
	return {
		id: randomId('evt'),
		object: 'event',
		api_version: '2025-10-29.clover',
		created: Math.floor(created / 1000),
		livemode: false,
		type,
		data: { object }
	};
}

export class WebhookSender {
	readonly deliveries: Delivery[] = [];
	private inFlight = new Set<Promise<void>>();

	constructor(private readonly options: DeliveryOptions) {}

	emit(type: string, object: unknown): string {
		const now = this.options.now ?? Date.now;
		const event = eventEnvelope(type, object, now());
		const body = JSON.stringify(event);
		const delivery: Delivery = {
			eventId: event.id,
			type,
			attempts: 0,
			status: null,
			delivered: false
		};
		this.deliveries.push(delivery);
		const run = this.deliver(body, delivery).finally(() => this.inFlight.delete(run));
		this.inFlight.add(run);
		return event.id;
	}

	/** Resolves when every delivery under way has succeeded or given up. */
	async settled(): Promise<void> {
		while (this.inFlight.size) await Promise.all([...this.inFlight]);
	}

	private async deliver(body: string, delivery: Delivery): Promise<void> {
		const {
			secret,
			send,
			baseDelayMs = 1_000,
			maxAttempts = 6,
			now = Date.now,
			log
		} = this.options;
		for (let attempt = 1; attempt <= maxAttempts; attempt++) {
			delivery.attempts = attempt;
			// Signed afresh each attempt, as Stripe does: the timestamp is the attempt's.
			const signature = await signPayload(secret, body, now());
			const status = await send(body, {
				'content-type': 'application/json',
				'stripe-signature': signature
			}).catch(() => null);
			delivery.status = status;
			if (status !== null && status >= 200 && status < 300) {
				delivery.delivered = true;
				return;
			}
			log?.(
				`webhook ${delivery.type} ${delivery.eventId}: attempt ${attempt} got ${status ?? 'no answer'}`
			);
			if (attempt < maxAttempts)
				await new Promise((r) => setTimeout(r, baseDelayMs * 2 ** (attempt - 1)));
		}
		log?.(`webhook ${delivery.eventId}: gave up after ${maxAttempts} attempts`);
	}
}
