import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { customerExternalIds, customers } from '../../../db/schema/customers';
import type { Ctx } from '../../core/context';
import { timelineEvent } from '../orders/timeline';
import { insertAddresses, insertEmails, insertPhones } from './child-rows';
import { nextCustomerNumber, customerNumber } from './create-customer';
import { IMPORT_SYSTEM } from './import-match';
import type { ImportRow } from './import-rows';
import { displayName } from './normalise';

/**
 * The statements that create one imported customer: the profiles' own builders (the same
 * numbering, the same email / phone / address rows and primary flags as a profile created
 * by hand), so search (kept by triggers) and every later writer see one shape.
 */
export function importStatements(ctx: Ctx, rows: readonly ImportRow[]): BatchItem<'sqlite'>[] {
	return rows.flatMap((row) => {
		const id = crypto.randomUUID();
		const name =
			displayName(row) ?? row.email?.original ?? row.phone?.original ?? 'Imported customer';
		const a = row.address;
		return [
			nextCustomerNumber(ctx),
			ctx.db.insert(customers).values({
				id,
				number: customerNumber,
				name,
				givenName: row.givenName ?? null,
				familyName: row.familyName ?? null,
				dateOfBirth: row.dateOfBirth ?? null,
				country: a?.country ?? null,
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			...insertEmails(
				ctx,
				id,
				row.email ? [{ id: crypto.randomUUID(), ...row.email, primary: false }] : []
			),
			...insertPhones(
				ctx,
				id,
				row.phone
					? [{ id: crypto.randomUUID(), ...row.phone, kind: 'mobile' as const, primary: false }]
					: []
			),
			...insertAddresses(
				ctx,
				id,
				a
					? [
							{
								id: crypto.randomUUID(),
								kind: 'billing' as const,
								line1: a.line1,
								line2: a.line2 ?? null,
								city: a.city ?? null,
								region: a.region ?? null,
								postalCode: a.postcode?.postalCode ?? null,
								postalCodeOriginal: a.postcode?.original ?? null,
								postalKey: a.postcode?.postalKey ?? null,
								country: a.country
							}
						]
					: []
			),
			...(row.externalId
				? [
						ctx.db.insert(customerExternalIds).values({
							customerId: id,
							system: IMPORT_SYSTEM,
							value: row.externalId,
							createdAt: ctx.now
						})
					]
				: []),
			timelineEvent(ctx, {
				entityKind: 'customer',
				entityId: id,
				customerId: id,
				orderId: null,
				kind: 'customer.imported',
				summary: `Customer imported from a file (line ${row.line})`
			})
		];
	});
}
