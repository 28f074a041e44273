import type { Faker } from '@faker-js/faker';
import { phoneNumbers } from './phones';
import type { RetailLine } from './read-csv';
import { fakersByCountry } from './random';

export type SeedCustomer = {
	id: string;
	number: string;
	name: string;
	email: string | null;
	phone: string | null;
	country: string | null;
	createdAt: number;
};

// The CSV has no personal data beyond an id and a country; names, emails and phones are
// invented. Emails use the reserved example.* domains (RFC 2606) so a demo that sends a
// payment link can never reach a real inbox.
function email(faker: Faker, firstName: string, lastName: string, taken: Set<string>): string {
	for (;;) {
		const candidate = faker.internet.exampleEmail({ firstName, lastName }).toLowerCase();
		if (!taken.has(candidate)) {
			taken.add(candidate);
			return candidate;
		}
	}
}

function countryOf(lines: RetailLine[]): string {
	// One customer (12370) shops from two countries; the more frequent one is home.
	const counts = new Map<string, number>();
	for (const l of lines) counts.set(l.country, (counts.get(l.country) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** One customer per CustomerID in the CSV, numbered by that id, in number order. */
export function buildCustomers(lines: readonly RetailLine[], faker: Faker): SeedCustomer[] {
	const byNumber = new Map<string, RetailLine[]>();
	for (const line of lines) {
		if (!line.customerNumber) continue;
		const group = byNumber.get(line.customerNumber) ?? [];
		group.push(line);
		byNumber.set(line.customerNumber, group);
	}
	const localFaker = fakersByCountry();
	const phoneFor = phoneNumbers(faker);
	const taken = new Set<string>();
	return [...byNumber.keys()]
		.sort((a, b) => Number(a) - Number(b))
		.map((number) => {
			const group = byNumber.get(number)!;
			const country = countryOf(group);
			const local = localFaker(country);
			const firstName = local.person.firstName();
			const lastName = local.person.lastName();
			return {
				id: faker.string.uuid(),
				number,
				name: `${firstName} ${lastName}`,
				email: email(local, firstName, lastName, taken),
				phone: phoneFor(country),
				country: country === 'Unspecified' ? null : country,
				// A customer of the shop since their first invoice.
				createdAt: group.reduce((t, l) => Math.min(t, l.placedAt), Infinity)
			};
		});
}
