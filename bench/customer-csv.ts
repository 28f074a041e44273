import { seededRandom } from './random';

// A customers CSV of any length for the import benchmark and tests: every column the import
// knows, unique external ids, emails and UK mobile numbers, valid GB postcodes and dates.

const GIVEN = ['Ann', 'Ben', 'Chloé', 'Dev', 'Emma', 'Femi', 'Grace', 'Hugo', 'Isla', 'Jonas'];
const FAMILY = ['Okafor', 'Smith', 'Nguyen', 'García', 'Kowalski', 'Patel', 'Byrne', 'Ali'];
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Mill Road', 'Park Avenue'];
const CITIES = ['London', 'Leeds', 'Bristol', 'Glasgow', 'Cardiff', 'York'];
const POSTCODES = ['SW1A 1AA', 'LS1 4AP', 'BS1 5TR', 'G1 1XQ', 'CF10 1EP', 'YO1 7HH'];

export const CSV_HEADER =
	'external_id,first_name,last_name,email,phone,address_line1,address_line2,city,region,postal_code,country,date_of_birth';

export function customerCsv(rows: number, seed = 9): string {
	const random = seededRandom(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const lines = [CSV_HEADER];
	for (let i = 1; i <= rows; i++) {
		const given = pick(GIVEN);
		const family = pick(FAMILY);
		const city = Math.floor(random() * CITIES.length);
		const year = 1940 + Math.floor(random() * 60);
		const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
		const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
		lines.push(
			[
				`EXT-${i}`,
				given,
				family,
				`${given.toLowerCase()}.${family.toLowerCase()}.${i}@example.com`,
				`07${400000000 + i}`,
				`${1 + (i % 200)} ${pick(STREETS)}`,
				i % 5 === 0 ? `Flat ${1 + (i % 9)}` : '',
				CITIES[city],
				'',
				POSTCODES[city],
				'GB',
				`${year}-${month}-${day}`
			].join(',')
		);
	}
	return `${lines.join('\n')}\n`;
}
