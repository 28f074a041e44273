import { containsCardNumber } from '../lib/card-data';

// Characters no field of Ordo has a use for, refused at the boundary for every string of
// every route (issue 6, 3.3; OWASP ASVS V2 input validation). A NUL cut an FTS5 query short
// and failed the request with a 500; control characters also hide text from the person
// reading it (a log line, a CSV cell, an audit entry) and lone surrogates cannot be stored
// as UTF-8 at all. Tab, line feed and carriage return are allowed only where a field says
// it takes several lines (`multiLine` in its schema's pipe).

// \p{Cc} is C0, DEL and C1; \p{Cs} in a `u` regex matches only an unpaired surrogate.
// U+202A–U+202E and U+2066–U+2069 are the bidirectional embedding, override and isolate
// controls: nobody types them, and "\u202eevil" shows a name reversed ("Trojan Source",
// CVE-2021-42574). Right-to-left scripts display correctly without them.
const ANY_CONTROL = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_BUT_LINES = /[^\P{Cc}\t\n\r]|\p{Cs}|[\u202a-\u202e\u2066-\u2069]/u;

const NAMES: Record<number, string> = {
	0x00: 'a null character (U+0000)',
	0x09: 'a tab',
	0x0a: 'a line break',
	0x0d: 'a carriage return'
};

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with the text, in words, or null when every character can be kept. */
export function unreadableCharacter(text: string, { multiLine = false } = {}): string | null {
	const found = (multiLine ? CONTROL_BUT_LINES : ANY_CONTROL).exec(text);
	if (!found) return null;
	const code = found[0].charCodeAt(0);
	const at = `at character ${found.index + 1}`;
	if (code >= 0xd800 && code <= 0xdfff) {
		return `Remove the broken character ${at} (half of an emoji or symbol, ${hex(code)}), then send it again.`;
	}
	if (!multiLine && (code === 0x09 || code === 0x0a || code === 0x0d)) {
		return `This field takes one line: remove ${NAMES[code]} ${at}.`;
	}
	if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
		return `Remove the invisible text-direction control ${at} (${hex(code)}): it makes text display in a different order than it is stored.`;
	}
	const name = NAMES[code] ?? `an invisible control character (${hex(code)})`;
	return `Remove ${name} ${at}: it cannot be stored or shown.`;
}

/** Marks a string schema as free text over several lines: tab, LF and CR are allowed. */
export const MULTI_LINE = { multiLine: true } as const;

/**
 * Marks a string schema that is not text a person reads and Ordo keeps: a password (hashed,
 * never stored), a whole CSV file (its cells are checked one by one), a cursor. Every other
 * string of every request is refused when it holds a card number (PCI DSS 3.3/3.4).
 */
export const NOT_STORED_TEXT = { cardScan: false } as const;

const CARD_MESSAGE =
	'Card numbers must not be entered in Ordo. Remove it; payments are taken on the payment page.';

export type UnreadableField = { path: string[]; message: string };

type SchemaLike = {
	type?: string;
	wrapped?: unknown;
	pipe?: readonly { type?: string; kind?: string; metadata?: unknown }[];
	entries?: Record<string, unknown>;
	item?: unknown;
	value?: unknown;
	rest?: unknown;
	options?: readonly unknown[];
};

// optional(), nullable(), nullish()… wrap the schema that describes the value.
function unwrap(schema: unknown): SchemaLike | undefined {
	let s = schema as SchemaLike | undefined;
	for (let depth = 0; s && s.wrapped && depth < 8; depth++) s = s.wrapped as SchemaLike;
	return s;
}

function alternatives(schema: unknown): SchemaLike[] {
	const s = unwrap(schema);
	if (!s) return [];
	if (s.options && (s.type === 'union' || s.type === 'variant')) {
		return s.options.flatMap(alternatives);
	}
	return [s];
}

function isCardScanOff(schema: unknown): boolean {
	return alternatives(schema).some((s) =>
		(s.pipe ?? []).some(
			(item) =>
				item.type === 'metadata' && (item.metadata as { cardScan?: unknown })?.cardScan === false
		)
	);
}

function isMultiLine(schema: unknown): boolean {
	return alternatives(schema).some((s) =>
		(s.pipe ?? []).some(
			(item) =>
				item.type === 'metadata' && (item.metadata as { multiLine?: unknown })?.multiLine === true
		)
	);
}

function memberSchema(schema: unknown, key: string): unknown {
	for (const s of alternatives(schema)) {
		if (s.entries && key in s.entries) return s.entries[key];
		if (s.type === 'record') return s.value;
		if (s.rest) return s.rest;
	}
	return undefined;
}

function itemSchema(schema: unknown): unknown {
	return alternatives(schema).find((s) => s.item)?.item;
}

export const MAX_DEPTH = 32;

/**
 * Every string in `value` (any depth, object keys included) that holds a character no field
 * takes, with the field's path. The schema is only read for which fields take several lines;
 * strings the schema does not know about are held to one line.
 */
export function unreadableFields(
	schema: unknown,
	value: unknown,
	path: string[] = []
): UnreadableField[] {
	// No request of Ordo's nests deeper; 5,000 levels of [[[…]]] (10 KB) would otherwise
	// exhaust the stack here and answer 500.
	if (path.length > MAX_DEPTH && value !== null && typeof value === 'object') {
		return [{ path, message: `Nest values at most ${MAX_DEPTH} levels deep.` }];
	}
	if (typeof value === 'string') {
		const message = unreadableCharacter(value, { multiLine: isMultiLine(schema) });
		if (message) return [{ path, message }];
		if (!isCardScanOff(schema) && containsCardNumber(value)) {
			return [{ path, message: CARD_MESSAGE }];
		}
		return [];
	}
	if (Array.isArray(value)) {
		const item = itemSchema(schema);
		return value.flatMap((member, i) => unreadableFields(item, member, [...path, String(i)]));
	}
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, member]) => {
		const keyProblem = unreadableCharacter(key);
		if (keyProblem) return [{ path: [...path, JSON.stringify(key)], message: keyProblem }];
		return unreadableFields(memberSchema(schema, key), member, [...path, key]);
	});
}
