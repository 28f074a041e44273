import { submitWork } from '$lib/sync/submit';
import type { Shipment } from '../../types';
import { deviceTime } from './device-time';
import { signal } from '$lib/scan/feedback';

type PickResult = { picked: { sku: string; name: string }; shipment: Shipment };

export type ScanOutcome =
	| { tone: 'ok' | 'queued'; title: string }
	| { tone: 'wrong'; title: string; scanned: string[]; expected: string[]; detail?: string };

/**
 * The pick screen's state: the shipment as the server last answered, and the last scan's
 * outcome. Scans are sent one after another in the order scanned (a scanner's burst may
 * be quicker than the network), each with its own Idempotency-Key so a retry counts once.
 */
export class Picking {
	shipment = $state<Shipment>() as Shipment;
	last = $state<ScanOutcome | null>(null);
	pending = $state(0);
	#queue: Promise<void> = Promise.resolve();

	constructor(shipment: Shipment) {
		this.shipment = shipment;
	}

	get units(): { picked: number; total: number } {
		const lines = this.shipment.lines;
		return {
			picked: lines.reduce((n, l) => n + l.pickedQuantity, 0),
			total: lines.reduce((n, l) => n + l.quantity, 0)
		};
	}

	scan(code: string): Promise<void> {
		const trimmed = code.trim();
		if (!trimmed) return this.#queue;
		this.pending++;
		this.#queue = this.#queue.then(() => this.#send(trimmed)).finally(() => this.pending--);
		return this.#queue;
	}

	async #send(code: string): Promise<void> {
		// Through the outbox (web/lib/sync/submit.ts): with no signal the scan is kept on
		// the phone under its Idempotency-Key and picked once when it reaches Ordo.
		const result = await submitWork({
			kind: 'pick',
			url: `/api/fulfilment/shipments/${this.shipment.id}/picks`,
			body: { code, deviceTime: deviceTime() },
			label: `Pick ${code} for ${this.shipment.orderNumber}`
		});
		if (result.state === 'applied') {
			const picked = result.body as PickResult;
			this.shipment = picked.shipment;
			this.last = { tone: 'ok', title: `Picked ${picked.picked.sku} · ${picked.picked.name}` };
			signal('ok');
		} else if (result.state === 'queued') {
			this.last = { tone: 'queued', title: `${code} saved on this phone: sent when back online` };
			signal('ok');
		} else {
			const p = result.problem;
			this.last = {
				tone: 'wrong',
				title: p.title,
				scanned: p.errors?.scanned ?? [code],
				expected: p.errors?.expected ?? [],
				detail: p.errors ? undefined : p.detail
			};
			signal('wrong');
		}
	}
}
