import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import {
	customerAddresses,
	customerEmails,
	customerPhones,
	type AddressKind,
	type PhoneKind
} from '../../../db/schema/customers';
import type { Ctx } from '../../core/context';
import type { FieldCheck } from './internal';
import {
	cleanText,
	normaliseCountry,
	normaliseEmail,
	normalisePhone,
	normalisePostcode
} from './normalise';
import type { NewAddress, NewEmail, NewPhone } from './schemas';

// Normalised rows for a customer's emails, phones and addresses, and the statements that
// write them. `is_primary` is decided in SQL: the first one a customer gets is primary, and
// one asked to be primary takes the flag from the old one (cleared first: the partial unique
// index allows one). The triggers then copy the primary into customers.email / .phone.

/** Where a value's error goes: `emails.0.email` in a list, `email` for a one-item route. */
export type FieldAt = (index: number, name: string) => string;
export const inList =
	(list: string): FieldAt =>
	(i, name) =>
		`${list}.${i}.${name}`;
export const single: FieldAt = (_, name) => name;

export type EmailRow = { id: string; email: string; original: string; primary: boolean };
export type PhoneRow = {
	id: string;
	e164: string;
	national: string;
	original: string;
	kind: PhoneKind;
	primary: boolean;
};

export function emailRows(check: FieldCheck, at: FieldAt, emails: NewEmail[]): EmailRow[] {
	const seen = new Set<string>();
	return emails.flatMap((e, i) => {
		const n = check.take(at(i, 'email'), normaliseEmail(e.email));
		if (!n) return [];
		if (seen.has(n.email)) check.fail(at(i, 'email'), 'This email is listed twice');
		seen.add(n.email);
		return [{ id: crypto.randomUUID(), ...n, primary: e.primary ?? false }];
	});
}

export function phoneRows(
	check: FieldCheck,
	at: FieldAt,
	phones: NewPhone[],
	region: string
): PhoneRow[] {
	const seen = new Set<string>();
	return phones.flatMap((p, i) => {
		const n = check.take(at(i, 'phone'), normalisePhone(p.phone, region));
		if (!n) return [];
		if (seen.has(n.e164)) check.fail(at(i, 'phone'), 'This phone number is listed twice');
		seen.add(n.e164);
		return [
			{ id: crypto.randomUUID(), ...n, kind: p.kind ?? 'mobile', primary: p.primary ?? false }
		];
	});
}

export function addressRows(check: FieldCheck, at: FieldAt, addresses: NewAddress[]) {
	return addresses.flatMap((a, i) => {
		const country = check.take(at(i, 'country'), normaliseCountry(a.country));
		const line1 = cleanText(a.line1);
		if (!line1) check.fail(at(i, 'line1'), 'Enter the first line of the address');
		const postal =
			a.postalCode && country
				? check.take(at(i, 'postalCode'), normalisePostcode(a.postalCode, country))
				: null;
		if (!country || !line1) return [];
		return [
			{
				id: crypto.randomUUID(),
				kind: a.kind as AddressKind,
				line1,
				line2: cleanText(a.line2),
				city: cleanText(a.city),
				region: cleanText(a.region),
				postalCode: postal?.postalCode ?? null,
				postalCodeOriginal: postal?.original ?? null,
				postalKey: postal?.postalKey ?? null,
				country
			}
		];
	});
}
export type AddressRow = ReturnType<typeof addressRows>[number];

const hasPrimary = (table: 'customer_emails' | 'customer_phones', customerId: string) =>
	sql`NOT EXISTS (SELECT 1 FROM ${sql.identifier(table)} WHERE customer_id = ${customerId} AND is_primary = 1)`;

/** Statements adding emails: a `primary` one takes the flag; else the first becomes primary if none is. */
export function insertEmails(
	ctx: Ctx,
	customerId: string,
	rows: EmailRow[]
): BatchItem<'sqlite'>[] {
	return rows.flatMap((r) => [
		...(r.primary ? [clearPrimary(ctx, 'customer_emails', customerId)] : []),
		ctx.db.insert(customerEmails).values({
			id: r.id,
			customerId,
			email: r.email,
			original: r.original,
			isPrimary: r.primary ? true : sql`${hasPrimary('customer_emails', customerId)}`,
			createdAt: ctx.now
		})
	]);
}

export function insertPhones(
	ctx: Ctx,
	customerId: string,
	rows: PhoneRow[]
): BatchItem<'sqlite'>[] {
	return rows.flatMap((r) => [
		...(r.primary ? [clearPrimary(ctx, 'customer_phones', customerId)] : []),
		ctx.db.insert(customerPhones).values({
			id: r.id,
			customerId,
			e164: r.e164,
			national: r.national,
			original: r.original,
			kind: r.kind,
			isPrimary: r.primary ? true : sql`${hasPrimary('customer_phones', customerId)}`,
			createdAt: ctx.now
		})
	]);
}

export function insertAddresses(ctx: Ctx, customerId: string, rows: AddressRow[]) {
	return rows.map((r) =>
		ctx.db.insert(customerAddresses).values({ ...r, customerId, createdAt: ctx.now })
	);
}

export function clearPrimary(
	ctx: Ctx,
	table: 'customer_emails' | 'customer_phones',
	customerId: string
): BatchItem<'sqlite'> {
	return ctx.db.run(
		sql`UPDATE ${sql.identifier(table)} SET is_primary = 0 WHERE customer_id = ${customerId} AND is_primary = 1`
	);
}
