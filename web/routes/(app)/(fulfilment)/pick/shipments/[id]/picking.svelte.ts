import { client } from '$lib/api';
import { ApiProblem } from '$lib/problem';
import { request } from '$lib/request';
import type { Shipment } from '../../types';
import { deviceTime } from './device-time';
import { signal } from '$lib/scan/feedback';

export type ScanOutcome =
	| { tone: 'ok'; title: string }
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
		try {
			const result = await request(
				client.fulfilment.shipments[':id'].picks.$post(
					{ param: { id: this.shipment.id }, json: { code, deviceTime: deviceTime() } },
					{ headers: { 'idempotency-key': crypto.randomUUID() } }
				)
			);
			this.shipment = result.shipment;
			this.last = { tone: 'ok', title: `Picked ${result.picked.sku} · ${result.picked.name}` };
			signal('ok');
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			const p = error.problem;
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
