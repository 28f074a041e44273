import type { Problem } from '$lib/problem';
import { submitWork } from '$lib/sync/submit';
import type { Transfer, TransferLine } from '../types';
import { receiptBody } from './receipt-body';

export type ScanOutcome = { ok: boolean; message: string };

/** A scanned code finds its line by barcode or SKU (case does not matter for SKUs). */
export function lineForCode(lines: readonly TransferLine[], code: string): TransferLine | null {
	const wanted = code.trim();
	if (!wanted) return null;
	const upper = wanted.toUpperCase();
	return lines.find((l) => l.barcode === wanted || l.sku === upper) ?? null;
}

/**
 * Receiving a transfer on the phone: units counted now, per product, by scanning (each
 * scan one unit) or typing a number; then one receipt through submitWork (the outbox
 * seam: an Idempotency-Key, the device time, queued when offline).
 */
export class Receiving {
	counts = $state<Record<string, number>>({});
	busy = $state(false);
	problem = $state<Problem | null>(null);
	notice = $state<string | null>(null);
	#transfer: () => Transfer;

	constructor(transfer: () => Transfer) {
		this.#transfer = transfer;
	}

	get total(): number {
		return Object.values(this.counts).reduce((n, q) => n + (q > 0 ? q : 0), 0);
	}

	scan(code: string): ScanOutcome {
		const line = lineForCode(this.#transfer().lines, code);
		if (!line) return { ok: false, message: `${code.trim()} is not on this transfer` };
		const next = (this.counts[line.productId] ?? 0) + 1;
		this.counts[line.productId] = next;
		const over = next > line.inTransit;
		return {
			ok: !over,
			message: over
				? `${line.sku}: ${next} scanned, only ${line.inTransit} on the way`
				: `${line.sku} · ${next} of ${line.inTransit}`
		};
	}

	async submit(): Promise<Transfer | null> {
		const t = this.#transfer();
		const body = receiptBody(this.counts);
		if (body.lines.length === 0 || this.busy) return null;
		this.busy = true;
		this.problem = null;
		this.notice = null;
		try {
			const result = await submitWork({
				kind: 'transfer-receipt',
				url: `/api/transfers/${t.id}/receipts`,
				body,
				label: `Receive ${t.number}: ${this.total} units`
			});
			if (result.state === 'refused') {
				this.problem = result.problem;
				return null;
			}
			this.counts = {};
			if (result.state === 'queued') {
				this.notice = 'Saved on this phone; it is sent when the connection is back.';
				return null;
			}
			return result.body as Transfer;
		} finally {
			this.busy = false;
		}
	}
}
