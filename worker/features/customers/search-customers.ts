import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import type { CustomerList, SearchCustomers } from './schemas';

export const CUSTOMER_RESULT_LIMIT = 20;

/**
 * A rep finding the caller: the start of an email or phone (ranges on customers_email
 * and customers_phone) or of a name (a LIKE prefix). Merged customers are left out:
 * orders go to the customer they were merged into. Top 20, no paging: a rep types more.
 */
export async function searchCustomers({
	ctx,
	input
}: {
	ctx: Ctx;
	input: SearchCustomers;
}): Promise<CustomerList> {
	const q = input.q;
	const lower = q.toLowerCase();
	const like = `${q.replace(/[%_\\]/g, '\\$&')}%`;
	const rows = await ctx.db.all<{
		id: string;
		number: string;
		name: string;
		email: string | null;
		phone: string | null;
		country: string | null;
	}>(
		sql`SELECT id, number, name, email, phone, country FROM customers
			WHERE merged_into IS NULL AND id IN (
				SELECT id FROM customers WHERE email >= ${lower} AND email < ${`${lower}\uffff`}
				UNION SELECT id FROM customers WHERE phone >= ${q} AND phone < ${`${q}\uffff`}
				UNION SELECT id FROM customers WHERE name LIKE ${like} ESCAPE '\\'
				UNION SELECT id FROM customers WHERE number = ${q})
			ORDER BY name, id LIMIT ${CUSTOMER_RESULT_LIMIT}`
	);
	return { items: rows };
}
