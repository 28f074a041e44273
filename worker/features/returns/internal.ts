import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { isoTime } from '../users/internal';
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from './policy/decide';

/** The current policy row (highest version); none: version 1 is the built-in default. */
export const currentPolicyRow = sql`SELECT version, document, note,
	${isoTime(sql`created_at`)} AS createdAt,
	(SELECT name FROM users u WHERE u.id = created_by_id) AS createdBy
	FROM return_policies ORDER BY version DESC LIMIT 1`;

export type PolicyRow = {
	version: number;
	document: string;
	note: string | null;
	createdAt: string | null;
	createdBy: string | null;
};

export function policyOf(rows: PolicyRow[]): {
	version: number;
	policy: ReturnPolicy;
	isDefault: boolean;
	row: PolicyRow | null;
} {
	const row = rows[0];
	if (!row) return { version: 1, policy: DEFAULT_RETURN_POLICY, isDefault: true, row: null };
	return {
		version: row.version,
		policy: JSON.parse(row.document) as ReturnPolicy,
		isDefault: false,
		row
	};
}

/** A return as lists and the create answer show it: one JSON value from SQL (alias r). */
export const returnSummaryJson = sql`json_object(
	'id', r.id, 'number', r.number, 'kind', r.kind, 'status', r.status,
	'orderId', r.order_id, 'orderNumber', (SELECT number FROM orders WHERE id = r.order_id),
	'customerId', r.customer_id, 'customerName', (SELECT name FROM customers WHERE id = r.customer_id),
	'currency', r.currency,
	'lines', (SELECT count(*) FROM return_lines rl WHERE rl.return_id = r.id),
	'units', (SELECT COALESCE(SUM(quantity), 0) FROM return_lines rl WHERE rl.return_id = r.id),
	'refundMinor', (SELECT COALESCE(SUM(refund_minor), 0) FROM return_lines rl
		WHERE rl.return_id = r.id AND rl.status NOT IN ('cancelled', 'rejected', 'expired')),
	'policyVersion', r.policy_version, 'expiresAt', ${isoTime(sql`r.expires_at`)},
	'createdAt', ${isoTime(sql`r.created_at`)}, 'version', r.version)`;

export const summaryOfReturn = (id: string): SQL =>
	sql`SELECT ${returnSummaryJson} FROM returns r WHERE r.id = ${id}`;

export type ReturnSnapshot = {
	id: string;
	number: string;
	status: string;
	version: number;
	orderId: string | null;
	customerId: string | null;
	lines: {
		line: number;
		status: import('../../../db/schema/returns').ReturnLineStatus;
		quantity: number;
		quantityReceived: number;
		sku: string;
	}[];
};

/** The return and its lines a line transition decides on: one batch (404 when absent). */
export async function readReturn(ctx: Ctx, id: string): Promise<ReturnSnapshot> {
	const [head, lines] = await ctx.db.batch([
		ctx.db.all<Omit<ReturnSnapshot, 'lines'>>(
			sql`SELECT id, number, status, version, order_id AS orderId, customer_id AS customerId
				FROM returns WHERE id = ${id}`
		),
		ctx.db.all<ReturnSnapshot['lines'][number]>(
			sql`SELECT line, status, quantity, quantity_received AS quantityReceived, sku
				FROM return_lines WHERE return_id = ${id} ORDER BY line`
		)
	]);
	const row = head[0];
	if (!row) throw new NotFound('return-not-found', 'No such return', `No return has id ${id}.`);
	return { ...row, lines };
}
