// A hardware scanner in keyboard ("wedge") mode types the code as a burst of key
// presses a few milliseconds apart and ends it with Enter. People type 80–200 ms
// apart; two keys rolled over can come closer, six in a row do not. So: at least
// MIN_LENGTH characters, at least MIN_LENGTH − 1 gaps under MAX_GAP_MS.
export const MIN_LENGTH = 6;
export const MAX_GAP_MS = 50;
// A page that is busy (starting up, rendering a result) handles keys late, and a browser
// whose keys arrive through the DevTools protocol (the tests) also creates them late, so
// a burst can show a few longer gaps. A gap up to STALL_MS joins two fast runs when the
// run before it is itself fast (2+ characters): a lone key typed by a person never does.
export const STALL_MS = 1000;
export const MAX_STALLS = 3;

/** What the detector needs of a keydown: the key, when, and whether a shortcut modifier was held. */
export type KeyPress = { key: string; time: number; shortcut: boolean };

export type BurstStep =
	/** A character that starts a new candidate burst (what came before is not part of it). */
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

export type BurstOptions = {
	minLength: number;
	maxGapMs: number;
	stallMs: number;
	maxStalls: number;
};

export class BurstDetector {
	#chars: string[] = [];
	#last = -Infinity;
	#stalls = 0;
	/** Characters since the last stall: a run must be fast (2+) before a stall may follow it. */
	#run = 0;
	readonly #options: BurstOptions;

	constructor(options: Partial<BurstOptions> = {}) {
		this.#options = {
			minLength: MIN_LENGTH,
			maxGapMs: MAX_GAP_MS,
			stallMs: STALL_MS,
			maxStalls: MAX_STALLS,
			...options
		};
	}

	push({ key, time, shortcut }: KeyPress): BurstStep {
		if (PASS_THROUGH.has(key)) return { kind: 'none' };
		const { minLength, maxGapMs, stallMs, maxStalls } = this.#options;
		const gap = time - this.#last;
		const fast = gap <= maxGapMs;
		const stall = !fast && gap <= stallMs && this.#run >= 2 && this.#stalls < maxStalls;
		if (key === 'Enter' && !shortcut) {
			const code = this.#chars.join('');
			const fastGaps = this.#chars.length - 1 - this.#stalls;
			const scan = (fast || stall) && code.length >= minLength && fastGaps >= minLength - 1;
			this.reset();
			return scan ? { kind: 'scan', code } : { kind: 'none' };
		}
		if (shortcut || key.length !== 1) {
			this.reset();
			return { kind: 'none' };
		}
		this.#last = time;
		if (this.#chars.length > 0 && (fast || stall)) {
			this.#chars.push(key);
			if (stall) {
				this.#stalls++;
				this.#run = 1;
			} else this.#run++;
			return { kind: 'char' };
		}
		this.#chars = [key];
		this.#stalls = 0;
		this.#run = 1;
		return { kind: 'start' };
	}

	reset(): void {
		this.#chars = [];
		this.#last = -Infinity;
		this.#stalls = 0;
		this.#run = 0;
	}
}
