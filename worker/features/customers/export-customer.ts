import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { fromConstraintError } from '../../core/constraint-errors';
import { auditEntry } from '../audit/record';
import { profilesOf } from './data-request';
import type { CustomerExport, ExportFormat } from './data-request-schemas';

type Row = Record<string, unknown>;
const JSON_COLUMNS = new Set(['shippingAddress', 'billingAddress', 'data']);

function parseJsonColumns(rows: Row[]): Row[] {
	return rows.map((row) =>
		Object.fromEntries(
			Object.entries(row).map(([k, val]) => [
				k,
				JSON_COLUMNS.has(k) && typeof val === 'string' ? JSON.parse(val) : val
			])
		)
	);
}

/**
 * Everything Ordo holds about one person, on their request (GDPR art. 15 and 20): profile,
 * emails, phones, addresses, consents, external ids, tags, orders with their lines, and the
 * timeline. One batch: the 404 check, the audit entry (who exported whom, in which format)
 * and the reads, so an export that happened is always on record.
 */
export async function exportCustomer({
	ctx,
	id,
	format
}: {
	ctx: Ctx;
	id: string;
	format: ExportFormat;
}): Promise<CustomerExport> {
	const ids = profilesOf(id);
	const read = (query: ReturnType<typeof sql>) => ctx.db.all<Row>(query);
	let results: Row[][];
	try {
		results = (await ctx.db.batch([
			ctx.db.run(sql`INSERT INTO target_checks (target, found)
				VALUES ('customer', EXISTS (SELECT 1 FROM customers WHERE id = ${id}))`),
			auditEntry(ctx, {
				action: 'customer.export',
				target: { type: 'customer', id },
				details: { format }
			}),
			read(sql`SELECT id, number, name, given_name AS givenName, family_name AS familyName,
				preferred_name AS preferredName, date_of_birth AS dateOfBirth, country, notes,
				merged_into AS mergedInto, erased_at AS erasedAt, created_at AS createdAt
				FROM customers WHERE id IN (${ids}) ORDER BY created_at, id`),
			read(sql`SELECT customer_id AS customerId, email, original, is_primary AS isPrimary
				FROM customer_emails WHERE customer_id IN (${ids}) ORDER BY customer_id, email`),
			read(sql`SELECT customer_id AS customerId, e164, original, kind, is_primary AS isPrimary
				FROM customer_phones WHERE customer_id IN (${ids}) ORDER BY customer_id, e164`),
			read(sql`SELECT customer_id AS customerId, kind, line1, line2, city, region,
				postal_code AS postalCode, country
				FROM customer_addresses WHERE customer_id IN (${ids}) ORDER BY customer_id, id`),
			read(sql`SELECT customer_id AS customerId, channel, granted, at, source
				FROM customer_consents WHERE customer_id IN (${ids}) ORDER BY customer_id, channel`),
			read(sql`SELECT customer_id AS customerId, system, value
				FROM customer_external_ids WHERE customer_id IN (${ids}) ORDER BY system, value`),
			read(sql`SELECT customer_id AS customerId, tag
				FROM customer_tags WHERE customer_id IN (${ids}) ORDER BY tag`),
			read(sql`SELECT id, number, status, currency, total_minor AS totalMinor,
				placed_at AS placedAt, shipping_address AS shippingAddress,
				billing_address AS billingAddress
				FROM orders WHERE customer_id IN (${ids}) ORDER BY placed_at, id`),
			read(sql`SELECT o.number AS orderNumber, l.line, l.sku, l.name, l.quantity,
				l.unit_price_minor AS unitPriceMinor, l.net_minor AS netMinor
				FROM order_lines l JOIN orders o ON o.id = l.order_id
				WHERE o.customer_id IN (${ids}) ORDER BY o.placed_at, o.id, l.line`),
			read(sql`SELECT at, kind, summary, data FROM timeline_events
				WHERE customer_id IN (${ids}) ORDER BY at, id`)
		])) as Row[][];
	} catch (error) {
		throw fromConstraintError(error) ?? error;
	}
	const [
		profiles,
		emails,
		phones,
		addresses,
		consents,
		externalIds,
		tags,
		orders,
		lines,
		timeline
	] = results.slice(2) as Row[][] as [
		Row[],
		Row[],
		Row[],
		Row[],
		Row[],
		Row[],
		Row[],
		Row[],
		Row[],
		Row[]
	];
	const [profile, ...merged] = [
		...profiles.filter((p) => p.id === id),
		...profiles.filter((p) => p.id !== id)
	];
	return {
		exportedAt: new Date(ctx.now).toISOString(),
		profile: profile!,
		mergedProfiles: merged,
		emails: emails.map((e) => ({ ...e, isPrimary: Boolean(e.isPrimary) })),
		phones: phones.map((p) => ({ ...p, isPrimary: Boolean(p.isPrimary) })),
		addresses,
		consents: consents.map((c) => ({ ...c, granted: Boolean(c.granted) })),
		externalIds,
		tags,
		orders: parseJsonColumns(orders).map((o) => ({
			...o,
			lines: lines.filter((l) => l.orderNumber === o.number)
		})),
		timeline: parseJsonColumns(timeline)
	} as CustomerExport;
}
