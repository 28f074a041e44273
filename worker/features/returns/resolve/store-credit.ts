import { sql, type SQL } from 'drizzle-orm';
import { storeCreditEntries } from '../../../../db/schema/returns';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, Invalid, NotFound } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import { timelineEvent } from '../../orders/timeline';
import type { IssueStoreCredit, ReverseStoreCredit, StoreCredit } from './schemas';

// Store credit (issue 11): a per-customer ledger, appended, never edited. The balance is
// the sum of the entries per currency, counting the entries of customers merged into this
// one (customers.merged_into). A trigger keeps every balance at zero or above; a reversal
// is a new entry pointing at the one it undoes, once (reverses_id is unique).

/** The customer's ledger as one scalar JSON SELECT (also the mutations' result). */
export function storeCreditOf(customerId: string): SQL {
	return sql`SELECT CASE WHEN c.id IS NULL THEN NULL ELSE json_object('customerId', c.id,
		'balances', (SELECT json_group_array(json_object('currency', currency, 'balanceMinor', total))
			FROM (SELECT currency, SUM(amount_minor) AS total FROM store_credit_entries
				WHERE customer_id IN (SELECT id FROM customers WHERE id = c.id OR merged_into = c.id)
				GROUP BY currency ORDER BY currency)),
		'entries', (SELECT json_group_array(json_object('id', e.id, 'customerId', e.customer_id,
				'currency', e.currency, 'amountMinor', e.amount_minor, 'kind', e.kind,
				'returnId', e.return_id, 'orderId', e.order_id, 'reversesId', e.reverses_id,
				'reversedBy', (SELECT x.id FROM store_credit_entries x WHERE x.reverses_id = e.id),
				'note', e.note, 'createdAt', e.created_at))
			FROM (SELECT * FROM store_credit_entries WHERE customer_id IN
				(SELECT id FROM customers WHERE id = c.id OR merged_into = c.id)
				ORDER BY created_at DESC, id LIMIT 200) e)) END
		FROM (SELECT ${customerId} AS wanted) w LEFT JOIN customers c ON c.id = w.wanted`;
}

export async function getStoreCredit({ ctx, customerId }: { ctx: Ctx; customerId: string }) {
	const [row] = await ctx.db.all<{ body: string | null }>(
		sql`SELECT (${storeCreditOf(customerId)}) AS body`
	);
	if (!row?.body) throw new NotFound('customer-not-found', 'No such customer');
	return JSON.parse(row.body) as StoreCredit;
}

const money = (minor: number, currency: string) => `${currency} ${(minor / 100).toFixed(2)}`;

/** A manager gives store credit not tied to a return (goodwill), with a note. */
export async function issueStoreCredit({
	ctx,
	customerId,
	input
}: {
	ctx: Ctx;
	customerId: string;
	input: IssueStoreCredit;
}): Promise<StoreCredit> {
	// Credit is spent on orders, so only in a currency the shop prices its products in: a
	// credit in any other would sit there unusable.
	const [found] = await ctx.db.all<{ id: string; sold: number }>(
		sql`SELECT id, EXISTS (SELECT 1 FROM products WHERE currency = ${input.currency}) AS sold
			FROM customers WHERE id = ${customerId}`
	);
	if (!found) throw new NotFound('customer-not-found', 'No such customer');
	if (!found.sold)
		throw new Invalid(
			'currency-not-sold',
			`The shop does not sell in ${input.currency}`,
			'Give store credit in a currency the shop sells in (the currency of its prices).',
			{ currency: ['Not a currency the shop sells in'] }
		);
	const id = crypto.randomUUID();
	return mutate<StoreCredit>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(storeCreditEntries).values({
				id,
				customerId,
				currency: input.currency,
				amountMinor: input.amountMinor,
				kind: 'goodwill',
				note: input.note,
				idempotencyKey: `issue:${ctx.idempotency?.key ?? id}`,
				createdById: actorId(ctx),
				createdAt: ctx.now
			}),
			timelineEvent(ctx, {
				entityKind: 'customer',
				entityId: customerId,
				orderId: null,
				customerId,
				kind: 'credit.issued',
				summary: `Store credit ${money(input.amountMinor, input.currency)}: ${input.note}`,
				data: { entryId: id, amountMinor: input.amountMinor, currency: input.currency }
			}),
			auditEntry(ctx, {
				action: 'store_credit.issue',
				target: { type: 'customer', id: customerId },
				details: { entryId: id, amountMinor: input.amountMinor, currency: input.currency }
			})
		],
		result: storeCreditOf(customerId)
	});
}

type EntryRow = {
	id: string;
	customerId: string;
	currency: string;
	amountMinor: number;
	kind: string;
	reversedBy: string | null;
};

/**
 * A manager undoes an entry: a new entry of the opposite amount pointing at it. Once only
 * (reverses_id unique); refused when the credit was already spent (the balance would go
 * below zero: the trigger) and for a reversal itself.
 */
export async function reverseStoreCredit({
	ctx,
	entryId,
	input
}: {
	ctx: Ctx;
	entryId: string;
	input: ReverseStoreCredit;
}): Promise<StoreCredit> {
	const [entry] = await ctx.db.all<EntryRow>(
		sql`SELECT e.id, e.customer_id AS customerId, e.currency, e.amount_minor AS amountMinor, e.kind,
			(SELECT x.id FROM store_credit_entries x WHERE x.reverses_id = e.id) AS reversedBy
			FROM store_credit_entries e WHERE e.id = ${entryId}`
	);
	if (!entry) throw new NotFound('store-credit-entry-not-found', 'No such store credit entry');
	if (entry.kind === 'reversal')
		throw new Conflict(
			'store-credit-reversal',
			'A reversal cannot be reversed',
			'Issue new store credit instead, with a note saying why.'
		);
	if (entry.reversedBy)
		throw new Conflict(
			'store-credit-already-reversed',
			'This entry was already reversed',
			'An entry is reversed once; the ledger shows the reversal.'
		);
	const id = crypto.randomUUID();
	return mutate<StoreCredit>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(storeCreditEntries).values({
				id,
				customerId: entry.customerId,
				currency: entry.currency,
				amountMinor: -entry.amountMinor,
				kind: 'reversal',
				reversesId: entry.id,
				note: input.note,
				idempotencyKey: `reverse:${entry.id}`,
				createdById: actorId(ctx),
				createdAt: ctx.now
			}),
			timelineEvent(ctx, {
				entityKind: 'customer',
				entityId: entry.customerId,
				orderId: null,
				customerId: entry.customerId,
				kind: 'credit.reversed',
				summary: `Store credit ${money(entry.amountMinor, entry.currency)} reversed: ${input.note}`,
				data: { entryId: id, reverses: entry.id }
			}),
			auditEntry(ctx, {
				action: 'store_credit.reverse',
				target: { type: 'customer', id: entry.customerId },
				details: { entryId: id, reverses: entry.id, amountMinor: -entry.amountMinor }
			})
		],
		result: storeCreditOf(entry.customerId)
	});
}
