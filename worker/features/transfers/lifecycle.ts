import type { TransferStatus } from '../../../db/schema/transfers';
import { Conflict, Invalid, type FieldErrors } from '../../core/errors';

// The transfer's rules as pure functions (decide, then write): draft → sent → partially
// received → received; a draft may be cancelled. Once sent, stock has left the source, so
// a sent transfer is never cancelled here: what does not arrive is corrected by a count
// or an adjustment at the destination.

export type TransferSnapshot = {
	id: string;
	number: string;
	status: TransferStatus;
	version: number;
	fromLocationId: string;
	toLocationId: string;
	fromCode: string;
	toCode: string;
};

export type SnapshotLine = {
	productId: string;
	sku: string;
	quantitySent: number;
	quantityReceived: number;
	/** On hand minus reserved at the source now (send only). */
	available: number;
};

export type Receipt = { productId: string; quantity: number };

const OPEN: readonly TransferStatus[] = ['sent', 'partially_received'];

function statusWords(status: TransferStatus): string {
	return status.replace('_', ' ');
}

/** A person who saw an older version is told so before anything is decided. */
export function checkSeenVersion(t: TransferSnapshot, seen: number | undefined): void {
	if (seen !== undefined && seen !== t.version)
		throw new Conflict(
			'transfer-changed',
			'This transfer changed since you loaded it',
			`${t.number} was changed by someone else. Reload it to see what changed, then try again.`
		);
}

/** Sending takes every line out of the source: refused unless each is there, unreserved. */
export function decideSend(t: TransferSnapshot, lines: readonly SnapshotLine[]): void {
	if (t.status !== 'draft')
		throw new Conflict(
			'transfer-not-draft',
			'Only a draft can be sent',
			`${t.number} is ${statusWords(t.status)}.`
		);
	const short = lines.filter((l) => l.quantitySent > l.available);
	if (short.length > 0)
		throw new Conflict(
			'transfer-short',
			'Not enough stock to send',
			`At ${t.fromCode}: ${short
				.map((l) => `${l.sku} needs ${l.quantitySent}, ${Math.max(l.available, 0)} available`)
				.join('; ')}. Units reserved for orders cannot be sent.`
		);
}

export function decideCancel(t: TransferSnapshot): void {
	if (t.status !== 'draft')
		throw new Conflict(
			'transfer-not-draft',
			'Only a draft can be cancelled',
			t.status === 'cancelled'
				? `${t.number} is already cancelled.`
				: `${t.number} is ${statusWords(t.status)}: its stock has left ${t.fromCode}. Receive what arrives; correct the rest with a count.`
		);
}

/**
 * What a receipt adds, one entry per product (a product scanned on several lines adds
 * up). Refused whole when the transfer is not on its way, a product is not on it, or more
 * would arrive than was sent: nothing is applied.
 */
export function decideReceive(
	t: TransferSnapshot,
	lines: readonly SnapshotLine[],
	input: readonly Receipt[]
): Receipt[] {
	if (!OPEN.includes(t.status))
		throw new Conflict(
			'transfer-not-in-transit',
			t.status === 'draft' ? 'This transfer has not been sent yet' : 'Nothing is on its way',
			`${t.number} is ${statusWords(t.status)}.`
		);
	const byProduct = new Map(lines.map((l) => [l.productId, l]));
	const totals = new Map<string, number>();
	const unknown: FieldErrors = {};
	input.forEach((r, i) => {
		if (!byProduct.has(r.productId))
			unknown[`lines.${i}.productId`] = [`This product is not on ${t.number}`];
		totals.set(r.productId, (totals.get(r.productId) ?? 0) + r.quantity);
	});
	if (Object.keys(unknown).length > 0)
		throw new Invalid('not-on-transfer', 'A product is not on this transfer', undefined, unknown);
	const over = [...totals].flatMap(([productId, quantity]) => {
		const l = byProduct.get(productId)!;
		const left = l.quantitySent - l.quantityReceived;
		return quantity > left ? [`${l.sku}: ${quantity} received, only ${left} still on the way`] : [];
	});
	if (over.length > 0)
		throw new Conflict(
			'over-receipt',
			'More than was sent',
			`${over.join('; ')}. Nothing was received: check the count, and record extra units with an adjustment.`
		);
	return [...totals].map(([productId, quantity]) => ({ productId, quantity }));
}
