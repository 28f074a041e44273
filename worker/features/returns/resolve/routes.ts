import { Hono } from 'hono';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { doc } from '../../../core/doc';
import { requireIdempotencyKey } from '../../../core/idempotency-key';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { getResolution } from './get-resolution';
import { createOverride, listOverrides } from './overrides';
import { resolveReturn } from './resolve-return';
import {
	CreateOverride,
	CustomerParams,
	EntryParams,
	IssueStoreCredit,
	Overrides,
	Resolution,
	ResolveReturn,
	ReturnParams,
	ReverseStoreCredit,
	StoreCredit
} from './schemas';
import { getStoreCredit, issueStoreCredit, reverseStoreCredit } from './store-credit';

const tags = ['returns'];

// Money back (issue 11), mounted at /api: resolving a return's lines (refund, store
// credit, keep the item), goodwill, overrides, and the customer's store credit ledger.
export const returnsMoneyRoutes = new Hono<AppEnv>()
	.get(
		'/returns/:id/resolution',
		permit('returns.read'),
		doc({
			summary: "What resolving a return needs: lines, payments, this return's refunds, credit",
			tags,
			response: Resolution
		}),
		input('param', ReturnParams),
		async (c) => c.json(await getResolution({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/returns/:id/resolve',
		permit('returns.authorize'),
		doc({
			summary:
				'Resolve lines (refund to the original payment, store credit, keep the item) and/or give goodwill',
			tags,
			response: Resolution
		}),
		input('param', ReturnParams),
		input('json', ResolveReturn),
		// The refunds it records are pending; the scheduled refund job sends them, as it
		// does a cancellation's (one request, one audit entry: the provider's answer is
		// settled and audited by the job).
		async (c) =>
			c.json(
				await resolveReturn({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.get(
		'/returns/:id/overrides',
		permit('returns.read'),
		doc({ summary: "A return's policy overrides, oldest first", tags, response: Overrides }),
		input('param', ReturnParams),
		async (c) => c.json(await listOverrides({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/returns/:id/overrides',
		permit('returns.override'),
		doc({
			summary: "A manager overrides the policy's decision for a return or a line, with a reason",
			tags,
			status: 201,
			response: Overrides
		}),
		input('param', ReturnParams),
		input('json', CreateOverride),
		async (c) =>
			c.json(
				await createOverride({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				}),
				201
			)
	)
	.get(
		'/customers/:id/store-credit',
		// A customer's money: for people who may read customers, not every returns reader.
		permit('customers.read'),
		doc({
			summary:
				"A customer's store credit: balance per currency (merged customers included) and entries",
			tags,
			response: StoreCredit
		}),
		input('param', CustomerParams),
		async (c) =>
			c.json(await getStoreCredit({ ctx: getCtx(c), customerId: c.req.valid('param').id }))
	)
	.post(
		'/customers/:id/store-credit',
		permit('returns.override'),
		doc({
			summary: 'A manager gives store credit, with a note',
			tags,
			status: 201,
			response: StoreCredit
		}),
		input('param', CustomerParams),
		// Giving credit twice is giving money twice: a retry must carry the first try's key.
		requireIdempotencyKey(),
		input('json', IssueStoreCredit),
		async (c) =>
			c.json(
				await issueStoreCredit({
					ctx: getCtx(c),
					customerId: c.req.valid('param').id,
					input: c.req.valid('json')
				}),
				201
			)
	)
	.post(
		'/store-credit/:entryId/reverse',
		permit('returns.override'),
		doc({
			summary: 'A manager reverses a store credit entry (once; not when already spent)',
			tags,
			status: 201,
			response: StoreCredit
		}),
		input('param', EntryParams),
		input('json', ReverseStoreCredit),
		async (c) =>
			c.json(
				await reverseStoreCredit({
					ctx: getCtx(c),
					entryId: c.req.valid('param').entryId,
					input: c.req.valid('json')
				}),
				201
			)
	);
