import { jaroWinkler } from '@skyra/jaro-winkler';
import { withinOneEdit, isTransposition } from './edits';
import { areNicknames, formalName } from './nicknames';
import type { Prepared } from './prepare';

export interface Match {
	/** 0–1: the logistic of the summed evidence, 0.5 where evidence for and against balance. */
	score: number;
	/** The evidence in words, strongest first: "same phone", "names Jaro-Winkler 0.94". */
	reasons: string[];
}

type Likeness = 'same' | 'nickname' | 'similar' | 'initial' | 'different' | 'missing';

function likeness(a: string, b: string, aSound: string, bSound: string): Likeness {
	if (!a || !b) return 'missing';
	if (a === b) return 'same';
	if (areNicknames(a, b)) return 'nickname';
	if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return 'initial';
	if (Math.min(a.length, b.length) >= 4 && withinOneEdit(a, b)) return 'similar';
	const jw = jaroWinkler(a, b);
	if (jw >= 0.9 || (aSound && aSound === bSound && jw >= 0.8)) return 'similar';
	return 'different';
}

const GIVEN_WEIGHT: Record<Likeness, number> = {
	same: 3,
	nickname: 2.5,
	similar: 2,
	initial: 0.5,
	missing: 0,
	different: -6
};
const FAMILY_WEIGHT: Record<Likeness, number> = {
	same: 2.5,
	nickname: 1.5,
	similar: 1.5,
	initial: 0.5,
	missing: 0,
	different: -4
};

interface NameEvidence {
	weight: number;
	given: Likeness;
	swapped: boolean;
	reasons: string[];
}

const agrees = (l: Likeness) => l === 'same' || l === 'nickname' || l === 'similar';

/** The names' weight without words: what both the scorer and its quick path add up. */
interface NameWeight {
	g: Likeness;
	f: Likeness;
	weight: number;
	/** 'same' when swapped, else g: 'different' caps the score at HOUSEHOLD_CAP. */
	given: Likeness;
	swapped: boolean;
}

function nameWeight(a: Prepared, b: Prepared): NameWeight {
	const g = likeness(a.given, b.given, a.givenSound, b.givenSound);
	const f = likeness(a.family, b.family, a.familySound, b.familySound);
	const direct = GIVEN_WEIGHT[g] + FAMILY_WEIGHT[f];
	// Swapped names are only worth a look when the names do not already agree.
	if (agrees(g) && agrees(f)) return { g, f, weight: direct, given: g, swapped: false };
	const sg = likeness(a.given, b.family, a.givenSound, b.familySound);
	const sf = likeness(a.family, b.given, a.familySound, b.givenSound);
	const swappedWeight = GIVEN_WEIGHT[sg] + FAMILY_WEIGHT[sf] - 0.5;
	const swapped = agrees(sg) && agrees(sf) && swappedWeight > direct && g !== 'same';
	return swapped
		? { g, f, weight: swappedWeight, given: 'same', swapped }
		: { g, f, weight: direct, given: g, swapped };
}

function nameEvidence(a: Prepared, b: Prepared): NameEvidence {
	const { g, f, weight, given: givenLikeness, swapped } = nameWeight(a, b);
	// A nickname is compared as its formal name: "Bob Fairfax" and "Robert Fairfax" are 1.00.
	const given = (p: Prepared) => (g === 'nickname' ? formalName(p.given) : p.given);
	const bFull = swapped ? `${b.family} ${b.given}` : `${given(b)} ${b.family}`;
	const jw = jaroWinkler(`${given(a)} ${a.family}`, bFull);
	const reasons: string[] = [];
	if (!swapped && g === 'missing' && f === 'missing')
		return { weight: 0, given: g, swapped, reasons };
	if (swapped) reasons.push('given and family names swapped');
	else if (g === 'nickname') reasons.push(`nickname: ${a.given} = ${b.given}`);
	if (!swapped && g !== 'different' && f !== 'different') {
		if (
			a.givenSound === b.givenSound &&
			a.familySound === b.familySound &&
			(g !== 'same' || f !== 'same')
		)
			reasons.push('names sound alike');
	}
	reasons.unshift(
		g === 'same' && f === 'same' ? 'same name' : `names Jaro-Winkler ${jw.toFixed(2)}`
	);
	return { weight, given: givenLikeness, swapped, reasons };
}

function shares(a: readonly string[], b: readonly string[]): boolean {
	for (const x of a) if (b.includes(x)) return true;
	return false;
}

function transposedPhone(a: Prepared, b: Prepared): boolean {
	for (const p of a.phones) for (const q of b.phones) if (isTransposition(p, q)) return true;
	return false;
}

/** Whether an email of b has the name before the @ of one of a's (5 letters or more). */
const sameEmailName = (a: Prepared, b: Prepared) =>
	b.emailNames.some((l) => l.length >= 5 && a.emailNames.includes(l));

const dobSwapBySlices = (a: string, b: string) =>
	a.slice(0, 4) === b.slice(0, 4) &&
	a.slice(5, 7) === b.slice(8, 10) &&
	a.slice(8, 10) === b.slice(5, 7);

/** Same year, day and month swapped: YYYY-MM-DD compared by character, no substrings per pair. */
function isDobSwap(a: string, b: string): boolean {
	if (a.length !== 10 || b.length !== 10) return dobSwapBySlices(a, b);
	return (
		a.charCodeAt(0) === b.charCodeAt(0) &&
		a.charCodeAt(1) === b.charCodeAt(1) &&
		a.charCodeAt(2) === b.charCodeAt(2) &&
		a.charCodeAt(3) === b.charCodeAt(3) &&
		a.charCodeAt(5) === b.charCodeAt(8) &&
		a.charCodeAt(6) === b.charCodeAt(9) &&
		a.charCodeAt(8) === b.charCodeAt(5) &&
		a.charCodeAt(9) === b.charCodeAt(6)
	);
}

const sameLine = (a: Prepared, b: Prepared) =>
	a.lines.some((x) => b.lines.some((y) => x === y || jaroWinkler(x, y) >= 0.93));

function contactEvidence(a: Prepared, b: Prepared, out: [number, string][]) {
	if (shares(a.emails, b.emails)) out.push([6, 'same email']);
	else if (a.emails.length && b.emails.length) {
		if (sameEmailName(a, b)) out.push([1.5, 'same email name at another domain']);
		else out.push([-1, 'different emails']);
	}
	if (shares(a.phones, b.phones)) out.push([4, 'same phone']);
	else if (transposedPhone(a, b)) out.push([2, 'phones differ by two swapped digits']);
	else if (a.phones.length && b.phones.length) out.push([-1, 'different phones']);
}

function placeEvidence(a: Prepared, b: Prepared, out: [number, string][]) {
	const samePostcode = shares(a.postcodes, b.postcodes);
	if (samePostcode) out.push([1.5, 'same postcode']);
	else if (a.postcodes.length && b.postcodes.length) out.push([-0.5, 'different postcodes']);
	if (sameLine(a, b) && (samePostcode || !a.postcodes.length || !b.postcodes.length))
		out.push([1.5, 'same street address']);
	if (a.dob && b.dob) {
		if (a.dob === b.dob) out.push([3, 'same date of birth']);
		else if (isDobSwap(a.dob, b.dob)) out.push([2, 'dates of birth with day and month swapped']);
		else out.push([-5, 'different dates of birth']);
	}
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Where the summed evidence gives a score of 0.5. */
const EVIDENCE_MIDPOINT = 6;
/**
 * Different given names cap the score here, whatever else agrees: twins and family members
 * share a surname, an address, often a phone and sometimes an email and a birthday.
 */
export const HOUSEHOLD_CAP = 0.4;

/** Scores one pair. Pure and allocation-light: a full scan calls it up to 50 times per customer. */
export function scorePair(a: Prepared, b: Prepared): Match {
	const names = nameEvidence(a, b);
	const evidence: [number, string][] = [];
	contactEvidence(a, b, evidence);
	placeEvidence(a, b, evidence);
	evidence.sort((x, y) => y[0] - x[0]);
	const total = names.weight + evidence.reduce((s, [w]) => s + w, 0);
	let score = logistic(total - EVIDENCE_MIDPOINT);
	const reasons = [...evidence.filter(([w]) => w > 0).map(([, r]) => r), ...names.reasons];
	reasons.push(...evidence.filter(([w]) => w <= 0).map(([, r]) => r));
	if (names.given === 'different') {
		score = Math.min(score, HOUSEHOLD_CAP);
		reasons.push(`different given names (${a.given}, ${b.given}): family members?`);
	}
	return { score: Math.round(score * 100) / 100, reasons };
}

/**
 * False when the given names differ and cannot be swapped names either, so the pair is capped
 * at HOUSEHOLD_CAP: nameWeight's answer for the commonest neighbour (another person in the
 * postcode) with one to three Jaro-Winklers instead of four.
 */
function couldPassCap(a: Prepared, b: Prepared): boolean {
	if (likeness(a.given, b.given, a.givenSound, b.givenSound) !== 'different') return true;
	return (
		agrees(likeness(a.given, b.family, a.givenSound, b.familySound)) &&
		agrees(likeness(a.family, b.given, a.familySound, b.givenSound))
	);
}

/** The most the names can add: the same given and family names (swapped ones add less). */
const BEST_NAMES = GIVEN_WEIGHT.same + FAMILY_WEIGHT.same;
const rounded = (total: number) => Math.round(logistic(total - EVIDENCE_MIDPOINT) * 100) / 100;

/**
 * scorePair's score without its words, or -1 as soon as the pair cannot reach minScore:
 * the full scan asks this of every neighbour and builds the reasons only for pairs that pass.
 * The same weights in the same sums (each a multiple of 0.5, so exact in any order), so a
 * pair it keeps scores exactly as scorePair scores it. Cheap exact keys come first; the
 * Jaro-Winkler of the names and address lines only when the rest could still reach minScore.
 */
export function quickScore(a: Prepared, b: Prepared, minScore: number): number {
	let total = 0;
	if (shares(a.emails, b.emails)) total += 6;
	else if (a.emails.length && b.emails.length) total += sameEmailName(a, b) ? 1.5 : -1;
	if (shares(a.phones, b.phones)) total += 4;
	else if (transposedPhone(a, b)) total += 2;
	else if (a.phones.length && b.phones.length) total -= 1;
	const samePostcode = shares(a.postcodes, b.postcodes);
	if (samePostcode) total += 1.5;
	else if (a.postcodes.length && b.postcodes.length) total -= 0.5;
	if (a.dob && b.dob) total += a.dob === b.dob ? 3 : isDobSwap(a.dob, b.dob) ? 2 : -5;
	const lineCounts = samePostcode || !a.postcodes.length || !b.postcodes.length;
	if (rounded(total + BEST_NAMES + (lineCounts ? 1.5 : 0)) < minScore) return -1;
	if (HOUSEHOLD_CAP < minScore && !couldPassCap(a, b)) return -1;
	const names = nameWeight(a, b);
	const capped = names.given === 'different';
	if (capped && HOUSEHOLD_CAP < minScore) return -1;
	total += names.weight;
	if (rounded(total + (lineCounts ? 1.5 : 0)) < minScore) return -1;
	if (lineCounts && sameLine(a, b)) total += 1.5;
	const score = logistic(total - EVIDENCE_MIDPOINT);
	return Math.round((capped ? Math.min(score, HOUSEHOLD_CAP) : score) * 100) / 100;
}
