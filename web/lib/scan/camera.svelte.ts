import { getDecoder, type Decoder } from './decoder';

// "Rapid": every new code counts at once, and the same code again only after a pause, so
// one item held in view is not counted twice. "Confirm each": a code waits for the worker
// to accept it (counting a pallet one by one vs. checking one label).
export type CameraMode = 'rapid' | 'confirm';
export const SAME_CODE_COOLDOWN_MS = 2000;
const FRAME_MS = 150;

/** The rear camera, decoding frames until stopped. */
export class Camera {
	running = $state(false);
	torchSupported = $state(false);
	torch = $state(false);
	mode = $state<CameraMode>('rapid');
	/** In confirm mode: the code seen, waiting for "Use it". */
	held = $state<string | null>(null);
	error = $state<string | null>(null);

	#stream: MediaStream | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#lastCode = '';
	#lastAt = 0;

	constructor(private readonly onCode: (code: string) => Promise<unknown>) {}

	async start(video: HTMLVideoElement): Promise<void> {
		this.error = null;
		try {
			const [decoder, stream] = await Promise.all([
				getDecoder(),
				navigator.mediaDevices.getUserMedia({
					video: { facingMode: { ideal: 'environment' } },
					audio: false
				})
			]);
			this.#stream = stream;
			video.srcObject = stream;
			await video.play();
			const track = stream.getVideoTracks()[0];
			// Torch is not in the standard capabilities type; Android Chrome reports it.
			const capabilities = track?.getCapabilities?.() as { torch?: boolean } | undefined;
			this.torchSupported = Boolean(capabilities?.torch);
			this.running = true;
			this.#loop(video, decoder);
		} catch (error) {
			this.stop();
			this.error =
				error instanceof DOMException && error.name === 'NotAllowedError'
					? 'The camera is blocked for Ordo. Allow it in the browser settings, or use Scan from photo.'
					: 'No camera could be opened. Use Scan from photo, or a scanner.';
		}
	}

	stop(): void {
		clearTimeout(this.#timer);
		for (const track of this.#stream?.getTracks() ?? []) track.stop();
		this.#stream = null;
		this.running = false;
		this.torch = false;
		this.held = null;
	}

	async toggleTorch(): Promise<void> {
		const track = this.#stream?.getVideoTracks()[0];
		if (!track) return;
		const on = !this.torch;
		await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
		this.torch = on;
	}

	/** Confirm mode: the held code is what the worker meant. */
	async accept(): Promise<void> {
		const code = this.held;
		this.held = null;
		if (code) await this.onCode(code);
	}

	#loop(video: HTMLVideoElement, decoder: Decoder): void {
		const tick = async () => {
			if (!this.running) return;
			try {
				if (video.readyState >= 2 && !this.held) {
					const [found] = await decoder.detect(video);
					if (found) await this.#seen(found.rawValue);
				}
			} catch {
				// A frame that cannot be read: the next one will do.
			}
			if (this.running) this.#timer = setTimeout(tick, FRAME_MS);
		};
		void tick();
	}

	async #seen(code: string): Promise<void> {
		const now = Date.now();
		if (code === this.#lastCode && now - this.#lastAt < SAME_CODE_COOLDOWN_MS) {
			this.#lastAt = now;
			return;
		}
		this.#lastCode = code;
		this.#lastAt = now;
		if (this.mode === 'confirm') this.held = code;
		else await this.onCode(code);
	}
}
