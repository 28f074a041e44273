import { withReauth } from '$lib/auth/gate.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { compressPhoto } from './compress';

/** Where a photo goes: the upload call for one subject (a unit, a claim), with its key. */
export type SendPhoto = (photo: Blob, idempotencyKey: string) => Promise<unknown>;

export type QueuedPhoto = {
	id: string;
	/** Kept across retries, so a retried upload is one photo on the server. */
	key: string;
	photo: Blob;
	/** An object URL of the compressed photo, for the thumbnail before it is sent. */
	preview: string;
	originalBytes: number;
	state: 'ready' | 'sending' | 'sent' | 'failed';
	problem: Problem | null;
};

/**
 * Photos a person took for one subject, compressed on the device, then sent one at a time
 * (a phone's upload link is the bottleneck). A failed one stays with the reason and is
 * sent again with the same Idempotency-Key. Photos need a connection: nothing is queued
 * offline (the inspection they belong to is online-only too).
 */
export class PhotoQueue {
	items = $state<QueuedPhoto[]>([]);
	compressing = $state(false);
	problem = $state<Problem | null>(null);
	/** "Saved: 312 KB (from 4.1 MB)" for the last photo a keepSent: false queue let go. */
	lastSaved = $state<{ bytes: number; originalBytes: number } | null>(null);
	readonly #keepSent: boolean;

	/** keepSent: false drops a photo once saved (the page then shows it from the server). */
	constructor({ keepSent = true }: { keepSent?: boolean } = {}) {
		this.#keepSent = keepSent;
	}

	/** Compresses and adds a photo; with `send`, uploads it at once. */
	async add(file: File, send?: SendPhoto): Promise<void> {
		this.problem = null;
		this.compressing = true;
		let photo: Blob;
		try {
			photo = await compressPhoto(file);
		} catch {
			this.problem = {
				type: 'urn:ordo:problem:photo-unreadable',
				title: 'This file could not be read as a photo',
				status: 0,
				detail: 'Choose a JPEG, PNG or WebP photo, or take it again.'
			};
			return;
		} finally {
			this.compressing = false;
		}
		const item: QueuedPhoto = {
			id: crypto.randomUUID(),
			key: crypto.randomUUID(),
			photo,
			preview: URL.createObjectURL(photo),
			originalBytes: file.size,
			state: 'ready',
			problem: null
		};
		this.items.push(item);
		if (send) await this.sendOne(this.items.at(-1)!, send);
	}

	/** Sends every photo not yet sent, in order; resolves when each has succeeded or failed. */
	async sendAll(send: SendPhoto): Promise<void> {
		for (const item of this.items) if (item.state !== 'sent') await this.sendOne(item, send);
	}

	async sendOne(item: QueuedPhoto, send: SendPhoto): Promise<void> {
		if (item.state === 'sending' || item.state === 'sent') return;
		item.state = 'sending';
		item.problem = null;
		try {
			await withReauth(() => send(item.photo, item.key));
			item.state = 'sent';
			if (!this.#keepSent) {
				this.lastSaved = { bytes: item.photo.size, originalBytes: item.originalBytes };
				this.remove(item.id);
			}
		} catch (error) {
			if (!(error instanceof ApiProblem)) throw error;
			item.state = 'failed';
			item.problem = error.problem;
		}
	}

	remove(id: string): void {
		const item = this.items.find((i) => i.id === id);
		if (item) URL.revokeObjectURL(item.preview);
		this.items = this.items.filter((i) => i.id !== id);
	}

	/** Thumbnails no longer shown: their object URLs are freed. */
	dispose(): void {
		for (const item of this.items) URL.revokeObjectURL(item.preview);
		this.items = [];
	}
}
