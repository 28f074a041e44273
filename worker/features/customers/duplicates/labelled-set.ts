import type { MatchInput } from './prepare';

/**
 * A labelled set for measuring the duplicate finder: people, some entered again the ways
 * it happens (typos, swapped names, nicknames, transposed digits, missing fields, a new
 * email, a move), and family members at one address (twins too) who are NOT duplicates.
 * Deterministic for a seed. The truth is the set of pairs that are one person.
 */
export interface LabelledSet {
	records: MatchInput[];
	/** `${idA}\u0000${idB}` with idA < idB, for each pair that is one person. */
	duplicates: Set<string>;
}

const GIVEN = [
	'robert',
	'william',
	'elizabeth',
	'richard',
	'james',
	'john',
	'michael',
	'thomas',
	'joseph',
	'charles',
	'christopher',
	'daniel',
	'matthew',
	'anthony',
	'andrew',
	'edward',
	'steven',
	'timothy',
	'benjamin',
	'samuel',
	'alexander',
	'patrick',
	'nicholas',
	'peter',
	'david',
	'henry',
	'jennifer',
	'margaret',
	'katherine',
	'susan',
	'rebecca',
	'victoria',
	'jessica',
	'abigail',
	'dorothy',
	'barbara',
	'olivia',
	'amelia',
	'sophie',
	'grace',
	'chloe',
	'lucy',
	'emily',
	'hannah',
	'laura',
	'sarah',
	'rachel',
	'fiona',
	'oliver',
	'george',
	'harry',
	'jacob',
	'oscar',
	'ethan',
	'lewis',
	'adam',
	'noah',
	'leo',
	'ruby',
	'isla',
	'freya',
	'mia',
	'zoe',
	'ava',
	'priya',
	'aisha',
	'mohammed',
	'ahmed',
	'wei',
	'yusuf',
	'ingrid',
	'lars',
	'sven',
	'pierre',
	'marie',
	'hans',
	'klaus',
	'giulia',
	'marco'
];
const FAMILY = [
	'smith',
	'jones',
	'williams',
	'taylor',
	'brown',
	'davies',
	'evans',
	'wilson',
	'thomas',
	'johnson',
	'roberts',
	'robinson',
	'thompson',
	'wright',
	'walker',
	'white',
	'edwards',
	'hughes',
	'green',
	'hall',
	'lewis',
	'harris',
	'clarke',
	'patel',
	'jackson',
	'wood',
	'turner',
	'martin',
	'cooper',
	'hill',
	'ward',
	'morris',
	'moore',
	'clark',
	'lee',
	'king',
	'baker',
	'harrison',
	'morgan',
	'allen',
	'james',
	'scott',
	'phillips',
	'watson',
	'davis',
	'parker',
	'price',
	'bennett',
	'young',
	'griffiths',
	'mitchell',
	'kelly',
	'cook',
	'carter',
	'richardson',
	'bailey',
	'collins',
	'bell',
	'shaw',
	'murphy',
	'miller',
	'cox',
	'richards',
	'khan',
	'marshall',
	'anderson',
	'simpson',
	'ellis',
	'adams',
	'singh',
	'begum',
	'wilkinson',
	'foster',
	'chapman',
	'powell',
	'webb',
	'rogers',
	'gray',
	'mason',
	'ali',
	'hunt',
	'hussain',
	'campbell',
	'matthews',
	'owen',
	'palmer',
	'holmes',
	'mills',
	'barnes',
	'knight',
	'lloyd',
	'butler',
	'russell',
	'barker',
	'fisher',
	'stevens',
	'jenkins',
	'murray',
	'dixon',
	'harvey',
	'nguyen',
	'schmidt',
	'muller',
	'rossi',
	'dubois',
	'larsen'
];
const NICKNAMES: Record<string, string> = {
	robert: 'bob',
	william: 'bill',
	elizabeth: 'liz',
	richard: 'rick',
	james: 'jim',
	michael: 'mike',
	thomas: 'tom',
	joseph: 'joe',
	charles: 'charlie',
	christopher: 'chris',
	daniel: 'dan',
	matthew: 'matt',
	anthony: 'tony',
	andrew: 'andy',
	edward: 'ted',
	steven: 'steve',
	timothy: 'tim',
	benjamin: 'ben',
	samuel: 'sam',
	alexander: 'alex',
	patrick: 'pat',
	nicholas: 'nick',
	peter: 'pete',
	david: 'dave',
	henry: 'harry',
	jennifer: 'jenny',
	margaret: 'maggie',
	katherine: 'kate',
	susan: 'sue',
	rebecca: 'becky',
	victoria: 'vicky',
	jessica: 'jess',
	abigail: 'abby',
	dorothy: 'dot',
	barbara: 'barb'
};
const STREETS = [
	'high street',
	'station road',
	'church lane',
	'mill road',
	'park avenue',
	'victoria road',
	'green lane',
	'manor way',
	'queens road',
	'the crescent'
];
const DOMAINS = ['example.com', 'example.org', 'example.net'];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const digits = (r: Rand, n: number) =>
	Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function mulberry32(seed: number): Rand {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function postcode(r: Rand): string {
	const L = 'ABCDEFGHJKLMNPRSTUWY';
	return `${pick(r, [...L])}${pick(r, [...L])}${1 + Math.floor(r() * 20)} ${digits(r, 1)}${pick(r, [...L])}${pick(r, [...L])}`;
}

function dateOfBirth(r: Rand): string {
	const y = 1940 + Math.floor(r() * 66);
	const m = 1 + Math.floor(r() * 12);
	const d = 1 + Math.floor(r() * 28);
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** One person, as a shop would first record them. */
export function person(r: Rand, id: string): MatchInput {
	// The id in the email keeps two people of one name from sharing an inbox by chance.
	const n = id.replace(/\D/g, '');
	const given = pick(r, GIVEN);
	const family = pick(r, FAMILY);
	const line1 = `${1 + Math.floor(r() * 200)} ${pick(r, STREETS)}`;
	return {
		id,
		givenName: cap(given),
		familyName: cap(family),
		emails: r() < 0.9 ? [`${given}.${family}${n}@${pick(r, DOMAINS)}`] : [],
		phones: r() < 0.85 ? [`+447${digits(r, 9)}`] : [],
		addresses: r() < 0.9 ? [{ line1: cap(line1), postcode: postcode(r) }] : [],
		dateOfBirth: r() < 0.6 ? dateOfBirth(r) : null
	};
}

function typo(r: Rand, word: string): string {
	if (word.length < 3) return word;
	const at = 1 + Math.floor(r() * (word.length - 2));
	const kind = Math.floor(r() * 4);
	const letter = 'abcdefghijklmnopqrstuvwxyz'[Math.floor(r() * 26)]!;
	if (kind === 0) return word.slice(0, at) + word.slice(at + 1); // dropped
	if (kind === 1) return word.slice(0, at) + letter + word.slice(at); // extra
	if (kind === 2) return word.slice(0, at) + letter + word.slice(at + 1); // wrong key
	return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1); // transposed
}

function transposeDigits(r: Rand, phone: string): string {
	const at = 5 + Math.floor(r() * (phone.length - 6));
	return phone.slice(0, at) + phone[at + 1] + phone[at] + phone.slice(at + 2);
}

type Change = (r: Rand, p: MatchInput) => MatchInput;
const CHANGES: Change[] = [
	(r, p) => ({ ...p, givenName: cap(typo(r, p.givenName!.toLowerCase())) }),
	(r, p) => ({ ...p, familyName: cap(typo(r, p.familyName!.toLowerCase())) }),
	(_, p) => ({ ...p, givenName: p.familyName, familyName: p.givenName }),
	(_, p) => ({ ...p, givenName: cap(NICKNAMES[p.givenName!.toLowerCase()] ?? p.givenName!) }),
	(r, p) => ({ ...p, phones: p.phones.map((t) => transposeDigits(r, t)) }),
	(_, p) => ({ ...p, phones: [] }),
	(_, p) => ({ ...p, emails: [] }),
	(_, p) => ({ ...p, dateOfBirth: null }),
	(_, p) => ({ ...p, addresses: [] }),
	(r, p) => ({
		...p,
		emails: [`${p.givenName!.toLowerCase()}${digits(r, 6)}@${pick(r, DOMAINS)}`]
	}),
	(r, p) => ({
		...p,
		addresses: [
			{ line1: `${1 + Math.floor(r() * 200)} ${cap(pick(r, STREETS))}`, postcode: postcode(r) }
		]
	}),
	(_, p) => ({
		...p,
		dateOfBirth:
			p.dateOfBirth &&
			`${p.dateOfBirth.slice(0, 5)}${p.dateOfBirth.slice(8)}-${p.dateOfBirth.slice(5, 7)}`
	})
];

/** The same person entered again, with one to three of the usual slips. */
function reentered(r: Rand, p: MatchInput, id: string): MatchInput {
	let copy: MatchInput = { ...p, id };
	const changes = 1 + Math.floor(r() * 3);
	for (let i = 0; i < changes; i++) copy = pick(r, CHANGES)(r, copy);
	return copy;
}

/** Someone else at the same address with the same surname: a twin, a partner, a child. */
function familyMember(r: Rand, p: MatchInput, id: string): MatchInput {
	const other = person(r, id);
	const taken = p.givenName!.toLowerCase();
	let given = pick(r, GIVEN);
	// Names a person could be entered under (Robert / Bob) are one person, not a relative.
	while (given === taken || NICKNAMES[given] === taken || NICKNAMES[taken] === given)
		given = pick(r, GIVEN);
	const twin = r() < 0.4;
	return {
		...other,
		givenName: cap(given),
		familyName: p.familyName,
		addresses: p.addresses,
		phones: r() < 0.5 ? p.phones : other.phones, // the home landline
		emails: r() < 0.2 ? p.emails : other.emails, // a family inbox
		dateOfBirth: twin ? p.dateOfBirth : other.dateOfBirth
	};
}

export function generateLabelledSet({
	seed,
	people
}: {
	seed: number;
	people: number;
}): LabelledSet {
	const r = mulberry32(seed);
	const records: MatchInput[] = [];
	const duplicates = new Set<string>();
	let next = 0;
	const newId = () => `c${String(next++).padStart(8, '0')}`;
	for (let i = 0; i < people; i++) {
		const p = person(r, newId());
		records.push(p);
		const roll = r();
		if (roll < 0.3) {
			const copy = reentered(r, p, newId());
			records.push(copy);
			duplicates.add(`${p.id}\u0000${copy.id}`);
		} else if (roll < 0.45) records.push(familyMember(r, p, newId()));
	}
	return { records, duplicates };
}
