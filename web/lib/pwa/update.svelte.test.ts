import { describe, expect, it, vi } from 'vitest';
import { AppUpdate, type WaitingWorker } from './update.svelte';

function fakeWorker() {
	let controlling: (() => void) | undefined;
	const worker: WaitingWorker = {
		skipWaiting: vi.fn(() => controlling?.()),
		onControlling: (callback) => {
			controlling = callback;
		}
	};
	return worker;
}

describe('AppUpdate', () => {
	it('offers nothing until a worker is waiting', async () => {
		const update = new AppUpdate({ reload: vi.fn() });
		expect(update.available).toBe(false);
		await update.apply();
		expect(update.applying).toBe(false);
	});

	it('reloads only after the waiting worker takes control', async () => {
		const reload = vi.fn();
		const update = new AppUpdate({ reload });
		const worker: WaitingWorker = { skipWaiting: vi.fn(), onControlling: vi.fn() };
		update.offer(worker);
		expect(update.available).toBe(true);

		await update.apply();
		expect(worker.skipWaiting).toHaveBeenCalledOnce();
		expect(reload).not.toHaveBeenCalled();

		const [[takeOver]] = vi.mocked(worker.onControlling).mock.calls as [[() => void]];
		takeOver();
		expect(reload).toHaveBeenCalledOnce();
	});

	it('asks the worker to skip waiting once however often the button is pressed', async () => {
		const worker = fakeWorker();
		const update = new AppUpdate({ reload: vi.fn() });
		update.offer(worker);
		await Promise.all([update.apply(), update.apply()]);
		expect(worker.skipWaiting).toHaveBeenCalledOnce();
	});

	it('"Later" hides the prompt without touching the worker', () => {
		const worker = fakeWorker();
		const update = new AppUpdate({ reload: vi.fn() });
		update.offer(worker);
		update.later();
		expect(update.available).toBe(false);
		expect(worker.skipWaiting).not.toHaveBeenCalled();
	});

	it('waits for the outbox to finish sending before the new version takes over', async () => {
		let idle!: () => void;
		const outboxIdle = vi.fn(() => new Promise<void>((resolve) => (idle = resolve)));
		const reload = vi.fn();
		const worker = fakeWorker();
		const update = new AppUpdate({ reload, outboxIdle });
		update.offer(worker);
		const applying = update.apply();
		await Promise.resolve();
		expect(update.sendingFirst).toBe(true);
		expect(worker.skipWaiting).not.toHaveBeenCalled();
		idle();
		await applying;
		expect(worker.skipWaiting).toHaveBeenCalledOnce();
		expect(reload).toHaveBeenCalledOnce();
	});
});
