import { BurstDetector, type KeyPress } from './burst';
import { signal, type Tone } from './feedback';
import { holdsCardNumber } from '../sync/card-guard';

export type ScanSource = 'keyboard' | 'camera' | 'photo';
export type Scan = { code: string; source: ScanSource };
/** What a scan meant, for the banner and the live region; `silent` when the screen beeped itself. */
export type ScanOutcome = { tone: Tone; message: string; silent?: boolean };
export type ScanHandler = (scan: Scan) => ScanOutcome | Promise<ScanOutcome>;
export type LastScan = ScanOutcome & { code: string; seq: number };

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const TEXT_INPUTS = new Set(['text', 'search', 'number', 'tel', 'url', 'email', '']);

function fieldOf(target: EventTarget | null): Field | null {
	if (target instanceof HTMLInputElement) return TEXT_INPUTS.has(target.type) ? target : null;
	if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return target;
	return null;
}

function setField(field: Field, value: string): void {
	if (field.value === value) return;
	field.value = value;
	field.dispatchEvent(new Event('input', { bubbles: true }));
	if (field instanceof HTMLSelectElement)
		field.dispatchEvent(new Event('change', { bubbles: true }));
}

type EarlyWindow = Window & { __ordoEarlyKeys?: KeyPress[]; __ordoEarlyKeysStop?: () => void };

/**
 * The app's one scan listener (issue 10). A hardware scanner types like a keyboard, so
 * keydowns are read at the window, before any field or form, on every screen and with
 * or without a focused field: focus no longer matters (SvelteKit's focus reset after a
 * navigation used to swallow the first scan). The active screen `claim`s what a scan
 * means; without a claim the fallback opens what the code names. Camera and photo scans
 * come in through `receive`. Scans are handled one after another, none dropped.
 */
class Scanner {
	/** The last scan's outcome; `seq` changes with every scan, even of the same code. */
	last = $state<LastScan | null>(null);
	/** The code being looked up now, if any. */
	working = $state<string | null>(null);

	#detector = new BurstDetector();
	#claims: ScanHandler[] = [];
	#fallback: ScanHandler = (scan) => ({
		tone: 'wrong',
		message: `Nothing opens ${scan.code} here`
	});
	#queue: Promise<unknown> = Promise.resolve();
	#seq = 0;
	/** The focused field and what it held when the current candidate burst began. */
	#before: { field: Field; value: string } | null = null;

	/** The screen says what a scan means while it is shown; call the returned function to let go. */
	claim(handler: ScanHandler): () => void {
		this.#claims.push(handler);
		return () => {
			const at = this.#claims.lastIndexOf(handler);
			if (at >= 0) this.#claims.splice(at, 1);
		};
	}

	/** What a scan means when no screen claims it (the signed-in layout sets "open it"). */
	setFallback(handler: ScanHandler): void {
		this.#fallback = handler;
	}

	/** A decoded code from any source: handled after the ones before it. */
	receive(scan: Scan): Promise<ScanOutcome> {
		const next = this.#queue.then(() => this.#handle(scan));
		this.#queue = next.catch(() => undefined);
		return next;
	}

	async #handle(scan: Scan): Promise<ScanOutcome> {
		// A card scanned by mistake (or its number typed) is not looked up, not put in a URL
		// or a log, not shown back: no screen sees it (PCI DSS 3.3).
		if (holdsCardNumber(scan.code)) {
			const outcome: ScanOutcome = { tone: 'wrong', message: CARD_SCAN_MESSAGE };
			this.last = { ...outcome, code: 'Card number', seq: ++this.#seq };
			signal(outcome.tone);
			return outcome;
		}
		this.working = scan.code;
		let outcome: ScanOutcome;
		try {
			const handler = this.#claims.at(-1) ?? this.#fallback;
			outcome = await handler(scan);
		} catch (error) {
			outcome = { tone: 'wrong', message: error instanceof Error ? error.message : String(error) };
		} finally {
			this.working = null;
		}
		this.last = { ...outcome, code: scan.code, seq: ++this.#seq };
		if (!outcome.silent) signal(outcome.tone);
		return outcome;
	}

	/** Starts listening (the signed-in layout); keys typed before the app started are read first. */
	listen(): () => void {
		const early = window as EarlyWindow;
		early.__ordoEarlyKeysStop?.();
		for (const key of early.__ordoEarlyKeys?.splice(0) ?? []) {
			const step = this.#detector.push(key);
			// After this tick, so the screen that is starting has claimed scans.
			if (step.kind === 'scan')
				setTimeout(() => void this.receive({ code: step.code, source: 'keyboard' }));
		}
		const onKeydown = (event: KeyboardEvent) => this.#onKeydown(event);
		window.addEventListener('keydown', onKeydown, true);
		return () => window.removeEventListener('keydown', onKeydown, true);
	}

	#onKeydown(event: KeyboardEvent): void {
		if (event.isComposing || event.repeat) return;
		const step = this.#detector.push({
			key: event.key,
			time: event.timeStamp,
			shortcut: event.ctrlKey || event.altKey || event.metaKey
		});
		if (step.kind === 'start') {
			const field = fieldOf(event.target);
			this.#before = field ? { field, value: field.value } : null;
			return;
		}
		if (step.kind !== 'scan') return;
		const before = this.#before;
		this.#before = null;
		// A field made for codes (data-scan="field": a tracking number) takes the scan as
		// its whole value, replacing what it held, and its form goes on as typed.
		if (before?.field.dataset.scan === 'field') {
			setField(before.field, step.code);
			return;
		}
		// Anywhere else the scan is not typing: Enter must not submit a form or follow a
		// link, and the field gets back what it held before the burst (never old + code).
		event.preventDefault();
		event.stopPropagation();
		if (before) setField(before.field, before.value);
		void this.receive({ code: step.code, source: 'keyboard' });
	}
}

export const CARD_SCAN_MESSAGE =
	'That looks like a card number: Ordo does not keep or look it up. Scan the item’s barcode.';

export const scanner = new Scanner();
