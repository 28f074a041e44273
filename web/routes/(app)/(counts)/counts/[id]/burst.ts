/** A hardware scanner types a whole code faster than this between keys; people do not. */
export const BURST_GAP_MS = 40;
/** Shorter bursts are a fast typist's quantity, not a barcode. */
export const BURST_MIN_LENGTH = 4;

export type Burst = { code: string; restore: string };

/**
 * Tells a scanner's burst from a person's typing in a quantity field: a scanner types a
 * code in one quick burst and ends it with Enter. Fed every printable key with its time
 * and the field's value before the key; at Enter it answers the code and the value to put
 * back (the code's digits landed in the field too), or null when a person typed.
 */
export class BurstReader {
	#chars: string[] = [];
	#last = -Infinity;
	#restore = '';

	key(char: string, at: number, valueBefore: string): void {
		if (at - this.#last > BURST_GAP_MS) {
			this.#chars = [];
			this.#restore = valueBefore;
		}
		this.#chars.push(char);
		this.#last = at;
	}

	enter(at: number): Burst | null {
		const burst =
			this.#chars.length >= BURST_MIN_LENGTH && at - this.#last <= BURST_GAP_MS
				? { code: this.#chars.join(''), restore: this.#restore }
				: null;
		this.#chars = [];
		this.#last = -Infinity;
		return burst;
	}
}
