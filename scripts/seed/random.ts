import {
	base,
	da,
	de,
	de_AT,
	de_CH,
	en,
	en_AU,
	en_GB,
	en_IE,
	es,
	Faker,
	fi,
	fr,
	it,
	nb_NO,
	nl,
	nl_BE,
	pl,
	pt_PT,
	sv,
	type LocaleDefinition
} from '@faker-js/faker';

// Every seeded run produces the same shop: fresh Faker instances seeded with one fixed
// number each time, rather than the shared `faker` whose state other code may advance.
export const SEED = 2010;

const BY_COUNTRY: Record<string, LocaleDefinition> = {
	Australia: en_AU,
	Austria: de_AT,
	Belgium: nl_BE,
	Denmark: da,
	EIRE: en_IE,
	Finland: fi,
	France: fr,
	Germany: de,
	Italy: it,
	Netherlands: nl,
	Norway: nb_NO,
	Poland: pl,
	Portugal: pt_PT,
	Spain: es,
	Sweden: sv,
	Switzerland: de_CH
};

/**
 * A Faker seeded with SEED. A separate `stream` gives an independent sequence, for data
 * generated alongside another stream's ids (the same seed would repeat its UUIDs).
 */
export function seededFaker(locale: LocaleDefinition = en_GB, stream?: number): Faker {
	const faker = new Faker({ locale: [locale, en_GB, en, base] });
	faker.seed(stream === undefined ? SEED : [SEED, stream]);
	return faker;
}

/**
 * Name generators by country. Countries whose faker locale writes names in another script
 * (Japan, Israel, Cyprus, Bahrain…) get English ones: this shop's records are romanised.
 */
export function fakersByCountry(): (country: string) => Faker {
	const cache = new Map<string, Faker>();
	return (country) => {
		const locale = BY_COUNTRY[country] ?? en_GB;
		const key = BY_COUNTRY[country] ? country : 'default';
		let faker = cache.get(key);
		if (!faker) {
			faker = seededFaker(locale);
			cache.set(key, faker);
		}
		return faker;
	};
}
