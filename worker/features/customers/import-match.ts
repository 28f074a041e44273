import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import type { RowError } from './import-csv';
import type { ImportRow } from './import-rows';

/** The `system` of customer_external_ids for the ids a CSV file brings. */
export const IMPORT_SYSTEM = 'import';

export type Known = {
	id: string;
	number: string;
	givenName: string | null;
	familyName: string | null;
	dateOfBirth: string | null;
	emails: string[];
	phones: string[];
	/** [line1, line2, city, region, postal_key, country] of each address. */
	addresses: (string | null)[][];
	externalIds: string[];
};

export type RawKnown = Omit<Known, 'emails' | 'phones' | 'addresses' | 'externalIds'> & {
	emails: string;
	phones: string;
	addresses: string;
	externalIds: string;
};

/**
 * The live customers that share an email, a phone or an external id with any row: ONE
 * query however long the file (the keys go in as JSON arrays, each probe uses its index).
 * A statement, so a dry run can send it in the batch that records the check.
 */
export function knownQuery(ctx: Ctx, rows: readonly ImportRow[]) {
	const keys = (pick: (r: ImportRow) => string | undefined) =>
		JSON.stringify([...new Set(rows.map(pick).filter((k) => k !== undefined))]);
	const emails = keys((r) => r.email?.email);
	const phones = keys((r) => r.phone?.e164);
	const externalIds = keys((r) => r.externalId);
	return ctx.db.all<RawKnown>(sql`SELECT c.id, c.number, c.given_name AS givenName,
		c.family_name AS familyName, c.date_of_birth AS dateOfBirth,
		(SELECT json_group_array(email) FROM customer_emails WHERE customer_id = c.id) AS emails,
		(SELECT json_group_array(e164) FROM customer_phones WHERE customer_id = c.id) AS phones,
		(SELECT json_group_array(json_array(line1, line2, city, region, postal_key, country))
			FROM customer_addresses WHERE customer_id = c.id) AS addresses,
		(SELECT json_group_array(value) FROM customer_external_ids
			WHERE customer_id = c.id AND system = ${IMPORT_SYSTEM}) AS externalIds
		FROM customers c
		WHERE c.merged_into IS NULL AND c.erased_at IS NULL AND c.id IN (
			SELECT customer_id FROM customer_emails WHERE email IN (SELECT value FROM json_each(${emails}))
			UNION SELECT customer_id FROM customer_phones WHERE e164 IN (SELECT value FROM json_each(${phones}))
			UNION SELECT customer_id FROM customer_external_ids
				WHERE system = ${IMPORT_SYSTEM} AND value IN (SELECT value FROM json_each(${externalIds})))`);
}

export function parseKnown(found: readonly RawKnown[]): Known[] {
	return found.map((k) => ({
		...k,
		emails: JSON.parse(k.emails),
		phones: JSON.parse(k.phones),
		addresses: JSON.parse(k.addresses),
		externalIds: JSON.parse(k.externalIds)
	}));
}

/** Every field the row gives is what the customer already has (after normalisation). */
export function matchesExactly(row: ImportRow, known: Known): boolean {
	const same = (a: string | undefined, b: string | null) => a === undefined || a === b;
	const a = row.address;
	return (
		same(row.givenName, known.givenName) &&
		same(row.familyName, known.familyName) &&
		same(row.dateOfBirth, known.dateOfBirth) &&
		(!row.email || known.emails.includes(row.email.email)) &&
		(!row.phone || known.phones.includes(row.phone.e164)) &&
		(!row.externalId || known.externalIds.includes(row.externalId)) &&
		(!a ||
			known.addresses.some(
				([line1, line2, city, region, postalKey, country]) =>
					line1 === a.line1 &&
					same(a.line2, line2 ?? null) &&
					same(a.city, city ?? null) &&
					same(a.region, region ?? null) &&
					same(a.postcode?.postalKey, postalKey ?? null) &&
					country === a.country
			))
	);
}

export type Classified =
	| { kind: 'new'; row: ImportRow }
	| { kind: 'matched'; row: ImportRow; customer: Known }
	| { kind: 'conflict'; error: RowError };

/** New, an exact match (reported, not imported again), or an external id someone else holds. */
export function classify(row: ImportRow, known: readonly Known[]): Classified {
	const related = known.filter(
		(k) =>
			(row.email && k.emails.includes(row.email.email)) ||
			(row.phone && k.phones.includes(row.phone.e164)) ||
			(row.externalId && k.externalIds.includes(row.externalId))
	);
	const exact = related.find((k) => matchesExactly(row, k));
	if (exact) return { kind: 'matched', row, customer: exact };
	const holder = row.externalId && related.find((k) => k.externalIds.includes(row.externalId!));
	if (holder)
		return {
			kind: 'conflict',
			error: {
				line: row.line,
				column: 'external_id',
				message: `Line ${row.line}, external_id: "${row.externalId}" already belongs to customer ${holder.number}, whose details differ from this line`
			}
		};
	return { kind: 'new', row };
}
