import type { Problem } from '$lib/problem';
import type { Tone } from '$lib/scan/feedback';
import { submitWork } from '$lib/sync/submit';
import type { ExpectedReturn } from '$lib/offline/returns-expected';
import { scannedNow } from './device-time';
import { holdsCardNumber } from '$lib/sync/card-guard';

export type Entry = {
	id: number;
	code: string;
	name: string;
	/** The return line the phone matched it to from the cache (null: unexpected). */
	line: number | null;
	/** What the phone could tell from the cached return; the server's flag once applied. */
	expected: boolean;
	flag: string | null;
	state: 'sending' | 'applied' | 'waiting' | 'refused';
	problem: Problem | null;
};

type Line = ExpectedReturn['lines'][number];

/**
 * The returns bench on a phone: scan a return's label, then each item in the parcel. Each
 * item is one outbox item (submitWork, kind 'return-receipt'), so it is received exactly
 * once however the network behaves; the phone judges expected or unexpected from the
 * cached return at once (the sound), the server decides for good.
 */
export class Receiving {
	returns = $state<ExpectedReturn[]>([]);
	current = $state<ExpectedReturn | null>(null);
	entries = $state<Entry[]>([]);
	#seq = 0;

	/** A RET- label: the return it names, from the list kept for offline. */
	open(code: string): ExpectedReturn | null {
		const wanted = code.trim().toUpperCase();
		const found = this.returns.find((r) => r.number.toUpperCase() === wanted) ?? null;
		if (found) {
			this.current = found;
			this.entries = [];
		}
		return found;
	}

	/** Lines with units still to come, counting what this phone has already scanned. */
	#match(code: string): Line | null {
		const wanted = code.trim();
		const lines = this.current?.lines ?? [];
		const scanned = (l: Line) => this.entries.filter((e) => e.line === l.line).length;
		return (
			lines.find(
				(l) =>
					(l.barcode === wanted || l.sku.toUpperCase() === wanted.toUpperCase()) &&
					l.received + scanned(l) < l.quantity
			) ?? null
		);
	}

	get expectedUnits(): number {
		return (this.current?.lines ?? []).reduce((n, l) => n + l.quantity, 0);
	}

	get receivedUnits(): number {
		const before = (this.current?.lines ?? []).reduce((n, l) => n + l.received, 0);
		return before + this.entries.filter((e) => e.line !== null).length;
	}

	/** Unexpected items the server had when the list was read, and this phone's since. */
	get unexpectedUnits(): number {
		const before = this.current?.unexpected ?? 0;
		return before + this.entries.filter((e) => e.line === null || !e.expected).length;
	}

	/** One scanned item: queued in the outbox and sent when there is a connection. */
	receive(code: string): { tone: Tone; message: string } {
		// Never listed, queued or shown again: a card number is not kept anywhere.
		if (holdsCardNumber(code))
			return {
				tone: 'wrong',
				message: 'That looks like a card number: Ordo does not keep it. Scan the item’s barcode.'
			};
		const ret = this.current!;
		const line = this.#match(code);
		const entry: Entry = {
			id: ++this.#seq,
			code,
			name: line?.name ?? code,
			line: line?.line ?? null,
			expected: line !== null,
			flag: line ? null : `Not expected on ${ret.number}`,
			state: 'sending',
			problem: null
		};
		this.entries = [entry, ...this.entries];
		void this.#send(ret, entry);
		return line
			? { tone: 'ok', message: `${line.name}: received` }
			: { tone: 'wrong', message: `${code}: not expected on ${ret.number}, kept and flagged` };
	}

	async #send(ret: ExpectedReturn, entry: Entry): Promise<void> {
		const result = await submitWork({
			kind: 'return-receipt',
			url: `/api/returns/${ret.id}/receipts`,
			body: { code: entry.code, quantity: 1, deviceTime: scannedNow() },
			label: `Return ${ret.number}: ${entry.name}`
		});
		const at = this.entries.findIndex((e) => e.id === entry.id);
		if (at < 0) return;
		const next = { ...this.entries[at]! };
		if (result.state === 'applied') {
			const body = result.body as {
				expected: boolean;
				flag: string | null;
				productName: string | null;
			};
			Object.assign(next, {
				state: 'applied',
				expected: body.expected,
				flag: body.flag,
				name: body.productName ?? next.name
			});
		} else if (result.state === 'queued') next.state = 'waiting';
		else Object.assign(next, { state: 'refused', problem: result.problem });
		this.entries[at] = next;
	}
}
