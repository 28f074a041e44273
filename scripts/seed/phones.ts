import type { Faker } from '@faker-js/faker';

// Mobile numbers in E.164 for each country in the data: calling code, the leading digits
// of a mobile range, and how many digits follow them (ITU-T E.164 national plans).
const PLANS: Record<string, { cc: string; lead: string; rest: number }> = {
	Australia: { cc: '61', lead: '4', rest: 8 },
	Austria: { cc: '43', lead: '664', rest: 7 },
	Bahrain: { cc: '973', lead: '3', rest: 7 },
	Belgium: { cc: '32', lead: '47', rest: 7 },
	Cyprus: { cc: '357', lead: '99', rest: 6 },
	Denmark: { cc: '45', lead: '2', rest: 7 },
	EIRE: { cc: '353', lead: '87', rest: 7 },
	Finland: { cc: '358', lead: '40', rest: 7 },
	France: { cc: '33', lead: '6', rest: 8 },
	Germany: { cc: '49', lead: '151', rest: 8 },
	Iceland: { cc: '354', lead: '6', rest: 6 },
	Israel: { cc: '972', lead: '5', rest: 8 },
	Italy: { cc: '39', lead: '3', rest: 9 },
	Japan: { cc: '81', lead: '90', rest: 8 },
	Lithuania: { cc: '370', lead: '6', rest: 7 },
	Netherlands: { cc: '31', lead: '6', rest: 8 },
	Norway: { cc: '47', lead: '9', rest: 7 },
	Poland: { cc: '48', lead: '5', rest: 8 },
	Portugal: { cc: '351', lead: '91', rest: 7 },
	Spain: { cc: '34', lead: '6', rest: 8 },
	Sweden: { cc: '46', lead: '70', rest: 7 },
	Switzerland: { cc: '41', lead: '79', rest: 7 }
};

// UK and Channel Islands numbers come from Ofcom's range reserved for drama,
// 07700 900000–900999: demo data must never text a real person.
const UK_COUNTRIES = new Set(['United Kingdom', 'Channel Islands']);

/**
 * Hands out phone numbers: unique fictional UK numbers in a shuffled order, random mobile
 * numbers elsewhere, none where the country is unknown ("Unspecified", "European Community").
 */
export function phoneNumbers(faker: Faker): (country: string) => string | null {
	const ukPool = faker.helpers.shuffle(Array.from({ length: 1000 }, (_, i) => 900_000 + i));
	return (country) => {
		if (UK_COUNTRIES.has(country)) {
			const n = ukPool.pop();
			return n === undefined ? null : `+447700${n}`;
		}
		const plan = PLANS[country];
		if (!plan) return null;
		return `+${plan.cc}${plan.lead}${faker.string.numeric({ length: plan.rest, allowLeadingZeros: true })}`;
	};
}

/** A UK number as a person types it at home, "07700 900123"; others just gain a space. */
export function nationalFormat(e164: string): string {
	if (!e164.startsWith('+44')) return `${e164.slice(0, 3)} ${e164.slice(3)}`;
	const national = `0${e164.slice(3)}`;
	return `${national.slice(0, 5)} ${national.slice(5)}`;
}
