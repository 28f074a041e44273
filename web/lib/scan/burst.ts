// A hardware scanner in keyboard ("wedge") mode types the code as a burst of key
// presses a few milliseconds apart and ends it with Enter. People type 80–200 ms
// apart; two keys rolled over can come closer, six in a row do not. So: at least
// MIN_LENGTH characters, every gap (and the one before Enter) under MAX_GAP_MS.
export const MIN_LENGTH = 6;
export const MAX_GAP_MS = 50;

/** What the detector needs of a keydown: the key, when, and whether a shortcut modifier was held. */
export type KeyPress = { key: string; time: number; shortcut: boolean };

export type BurstStep =
	/** A character that starts a new candidate burst (the one before it was too long ago). */
	| { kind: 'start' }
	/** A character inside a candidate burst. */
	| { kind: 'char' }
	/** Enter closed a burst: this is a scan. */
	| { kind: 'scan'; code: string }
	/** Anything else: typing, navigation keys, a slow Enter. */
	| { kind: 'none' };

// Keys a scanner's keyboard emulation sends around characters (Shift for capitals) that
// neither belong to the code nor break the burst.
const PASS_THROUGH = new Set(['Shift', 'CapsLock', 'NumLock', 'Unidentified', 'Dead']);

export class BurstDetector {
	#chars: string[] = [];
	#last = -Infinity;

	constructor(
		private readonly options: { minLength: number; maxGapMs: number } = {
			minLength: MIN_LENGTH,
			maxGapMs: MAX_GAP_MS
		}
	) {}

	push({ key, time, shortcut }: KeyPress): BurstStep {
		if (PASS_THROUGH.has(key)) return { kind: 'none' };
		const fast = time - this.#last <= this.options.maxGapMs;
		if (key === 'Enter' && !shortcut) {
			const code = this.#chars.join('');
			const scan = fast && code.length >= this.options.minLength;
			this.reset();
			return scan ? { kind: 'scan', code } : { kind: 'none' };
		}
		if (shortcut || key.length !== 1) {
			this.reset();
			return { kind: 'none' };
		}
		this.#last = time;
		if (fast && this.#chars.length > 0) {
			this.#chars.push(key);
			return { kind: 'char' };
		}
		this.#chars = [key];
		return { kind: 'start' };
	}

	reset(): void {
		this.#chars = [];
		this.#last = -Infinity;
	}
}
