import type { Faker } from '@faker-js/faker';
import type { SeedCustomer } from './customers';
import type { SeedOrder } from './orders';
import { nationalFormat } from './phones';

export const NEAR_DUPLICATES = 15;
// Numbers above every CustomerID in the data (the highest is 18287).
const FIRST_DUPLICATE_NUMBER = 19001;

// The same person entered twice, the ways it happens at a till or on a phone call.
// (Email case cannot differ: the schema stores emails lower-case; spacing and tags can.)
type Variant = (
	original: SeedCustomer,
	faker: Faker
) => Pick<SeedCustomer, 'name' | 'email' | 'phone'>;

function typo(word: string, faker: Faker): string {
	// Drop one inner letter: "John" → "Jon", "Smith" → "Smth"-like slips at the keyboard.
	if (word.length < 4) return word + word.at(-1);
	const at = faker.number.int({ min: 1, max: word.length - 2 });
	return word.slice(0, at) + word.slice(at + 1);
}

function plusTag(email: string, tag: string): string {
	const [local, domain] = email.split('@');
	return `${local}+${tag}@${domain}`;
}

const VARIANTS: Variant[] = [
	(c, f) => ({ name: c.name.replace(/^\S+/, (w) => typo(w, f)), email: c.email, phone: c.phone }),
	(c) => ({ name: c.name.toUpperCase().replace(' ', '  '), email: c.email, phone: null }),
	(c) => ({ name: c.name, email: null, phone: c.phone && nationalFormat(c.phone) }),
	(c) => ({ name: c.name, email: c.email && plusTag(c.email, 'shop'), phone: c.phone }),
	(c, f) => ({ name: c.name.replace(/\S+$/, (w) => typo(w, f)), email: null, phone: c.phone })
];

export type NearDuplicate = SeedCustomer & { duplicateOf: string };

/** Deliberate near-duplicates of customers who have both an email and a phone. */
export function buildNearDuplicates(
	customers: readonly SeedCustomer[],
	faker: Faker
): NearDuplicate[] {
	const candidates = customers.filter((c) => c.email && c.phone);
	const originals = faker.helpers
		.arrayElements(candidates, NEAR_DUPLICATES)
		.sort((a, b) => Number(a.number) - Number(b.number));
	return originals.map((original, i) => ({
		id: faker.string.uuid(),
		number: String(FIRST_DUPLICATE_NUMBER + i),
		country: original.country,
		createdAt: original.createdAt,
		...VARIANTS[i % VARIANTS.length]!(original, faker),
		duplicateOf: original.id
	}));
}

/**
 * Gives each duplicate the latest order of its original when the original has two or more,
 * so merging them has orders to carry over. Mutates `orders`.
 */
export function splitOrdersToDuplicates(
	orders: SeedOrder[],
	duplicates: readonly NearDuplicate[],
	customers: readonly SeedCustomer[]
): void {
	const numberOf = new Map(customers.map((c) => [c.id, c.number]));
	for (const duplicate of duplicates) {
		const original = numberOf.get(duplicate.duplicateOf);
		const theirs = orders.filter((o) => o.customerNumber === original && !o.cancelled);
		const latest = theirs.at(-1);
		if (theirs.length < 2 || !latest) continue;
		latest.customerNumber = duplicate.number;
		duplicate.createdAt = latest.placedAt;
	}
}
