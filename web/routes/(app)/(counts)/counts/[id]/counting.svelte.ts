import type { Problem } from '$lib/problem';
import { submitWork } from '$lib/sync/submit';
import { signal } from '$lib/scan/feedback';
import type { CountTaskDetail, TaskItem } from '../types';
import { countedNow, deviceId } from './device-id';

export type LineState =
	| { state: 'idle' }
	| { state: 'sending' }
	| { state: 'done'; status: string; twoDevices: boolean; counted: number }
	| { state: 'queued' }
	| { state: 'refused'; problem: Problem };

/**
 * One count task on the phone: the quantity typed or scanned per product, and what became
 * of each line sent. Every line goes through submitWork() (the outbox seam), stamped with
 * when it was counted, so it is applied as of then however late it reaches the server.
 */
export class Counting {
	readonly task: CountTaskDetail;
	quantities = $state<Record<string, string>>({});
	lines = $state<Record<string, LineState>>({});
	lastScan = $state<{ tone: 'ok' | 'wrong'; text: string } | null>(null);

	constructor(task: CountTaskDetail) {
		this.task = task;
		for (const item of task.items) {
			if (item.last) {
				this.lines[item.productId] = {
					state: 'done',
					status: item.last.status,
					twoDevices: item.last.twoDevices,
					counted: item.last.counted
				};
			}
		}
	}

	/** Items grouped by bin, in bin order (the API sends them sorted). */
	get byBin(): { bin: string; items: TaskItem[] }[] {
		const groups: { bin: string; items: TaskItem[] }[] = [];
		for (const item of this.task.items) {
			const bin = item.bin ?? 'No bin';
			const group = groups.at(-1);
			if (group?.bin === bin) group.items.push(item);
			else groups.push({ bin, items: [item] });
		}
		return groups;
	}

	/**
	 * A code left at the end of a field that holds no plausible quantity: a scanner whose
	 * keys came slower than a burst (a busy phone) still typed a barcode or SKU, not a count.
	 */
	codeAtEnd(value: string): { code: string; restore: string } | null {
		if (/^\d{0,6}$/.test(value.trim())) return null;
		const upper = value.trim().toUpperCase();
		for (const item of this.task.items) {
			for (const code of [item.barcode, item.sku]) {
				if (code && upper.endsWith(code.toUpperCase()))
					return { code, restore: value.trim().slice(0, -code.length) };
			}
		}
		return null;
	}

	/** A scanned code: the matching product's count goes up by one. */
	scan(code: string): string | null {
		const wanted = code.trim();
		const item = this.task.items.find(
			(i) => i.barcode === wanted || i.sku.toUpperCase() === wanted.toUpperCase()
		);
		if (!item) {
			this.lastScan = { tone: 'wrong', text: `${wanted} is not in this count` };
			signal('wrong');
			return null;
		}
		const now = Number(this.quantities[item.productId] || '0');
		this.quantities[item.productId] = String(now + 1);
		this.lastScan = { tone: 'ok', text: `${item.sku} · ${now + 1}` };
		signal('ok');
		return item.productId;
	}

	async send(item: TaskItem): Promise<void> {
		const raw = (this.quantities[item.productId] ?? '').trim();
		if (!/^\d{1,7}$/.test(raw)) {
			this.lines[item.productId] = {
				state: 'refused',
				problem: { type: 'local', title: 'Type the number of units counted', status: 0 }
			};
			return;
		}
		this.lines[item.productId] = { state: 'sending' };
		const counted = Number(raw);
		const result = await submitWork({
			kind: 'count',
			url: `/api/counts/tasks/${this.task.id}/lines`,
			body: {
				productId: item.productId,
				counted,
				countedAt: countedNow(),
				deviceId: deviceId()
			},
			label: `Count ${item.bin ?? this.task.locationCode}: ${counted} × ${item.name}`
		});
		if (result.state === 'applied') {
			const body = result.body as { status: string; twoDevices: boolean };
			this.lines[item.productId] = {
				state: 'done',
				status: body.status,
				twoDevices: body.twoDevices,
				counted
			};
			delete this.quantities[item.productId];
		} else if (result.state === 'queued') {
			this.lines[item.productId] = { state: 'queued' };
			delete this.quantities[item.productId];
		} else this.lines[item.productId] = { state: 'refused', problem: result.problem };
	}
}
