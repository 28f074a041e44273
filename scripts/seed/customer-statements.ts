import type { InStatement } from '@libsql/client';
import { normaliseEmail, normalisePhone } from '../../worker/features/customers/normalise';
import type { SeedCustomer } from './customers';
import { insertStatements } from './sql-chunks';

// The demo's customers as the customers API stores them: given and family names, the email
// and phone as primary child rows, normalised the same way (normalise.ts), originals kept:
// a near-duplicate's "07700 900123" is shown as typed and found as +447700900123. The
// triggers of migration 0015 fill customers.email / .phone and the search index.
export function customerStatements(customers: readonly SeedCustomer[]): InStatement[] {
	const emails = customers.flatMap((c) => {
		const n = c.email ? normaliseEmail(c.email) : null;
		return n?.ok ? [[`${c.id}:email`, c.id, n.value.email, n.value.original, 1, c.createdAt]] : [];
	});
	const phones = customers.flatMap((c) => {
		// Seed numbers are E.164 or UK national: read in the demo shop's region, GB.
		const n = c.phone ? normalisePhone(c.phone, 'GB') : null;
		return n?.ok
			? [[`${c.id}:phone`, c.id, n.value.e164, n.value.national, n.value.original, 1, c.createdAt]]
			: [];
	});
	return [
		...insertStatements(
			'customers',
			['id', 'number', 'name', 'given_name', 'family_name', 'country', 'created_at', 'updated_at'],
			customers.map((c) => {
				const [given, ...family] = c.name.trim().split(/\s+/);
				return [
					c.id,
					c.number,
					c.name,
					given ?? null,
					family.join(' ') || null,
					c.country,
					c.createdAt,
					c.createdAt
				];
			})
		),
		...insertStatements(
			'customer_emails',
			['id', 'customer_id', 'email', 'original', 'is_primary', 'created_at'],
			emails
		),
		...insertStatements(
			'customer_phones',
			['id', 'customer_id', 'e164', 'national', 'original', 'is_primary', 'created_at'],
			phones
		)
	];
}
