import { Hono } from 'hono';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { doc } from '../../../core/doc';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { compareCustomers } from './compare-customers';
import { dismissDuplicate } from './dismiss-duplicate';
import { listDuplicates } from './list-duplicates';
import { mergeCustomers } from './merge-customers';
import { listMerges } from './merges';
import {
	CompareCustomers,
	Comparison,
	DismissDuplicate,
	DuplicateList,
	DuplicatePair,
	ListDuplicates,
	MergeCustomers,
	MergeList,
	MergeParams,
	MergeResult,
	MergesOf
} from './schemas';
import { undoMerge } from './undo-merge';

const tags = ['customers'];

// Mounted at /api/customers BEFORE the profile routes, so /duplicates and /merges are not
// taken for a customer id by GET /:id.
export const duplicatesRoutes = new Hono<AppEnv>()
	.get(
		'/duplicates',
		permit('customers.read'),
		doc({
			summary: 'Likely duplicate customers with the score and the reasons, best first',
			tags,
			response: DuplicateList
		}),
		input('query', ListDuplicates),
		async (c) => c.json(await listDuplicates({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.post(
		'/duplicates/dismiss',
		permit('customers.merge'),
		doc({
			summary: 'Not a duplicate: remembered, never proposed again',
			tags,
			response: DuplicatePair
		}),
		input('json', DismissDuplicate),
		async (c) => c.json(await dismissDuplicate({ ctx: getCtx(c), input: c.req.valid('json') }))
	)
	.get(
		'/duplicates/compare',
		permit('customers.read'),
		doc({
			summary: 'Two to ten profiles side by side, with what a merge would move',
			tags,
			response: Comparison
		}),
		input('query', CompareCustomers),
		async (c) => c.json(await compareCustomers({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/merges',
		permit('customers.read'),
		doc({ summary: 'The merges into a customer, newest first', tags, response: MergeList }),
		input('query', MergesOf),
		async (c) =>
			c.json(await listMerges({ ctx: getCtx(c), customerId: c.req.valid('query').customerId }))
	)
	.post(
		'/merges',
		permit('customers.merge'),
		doc({
			summary: 'Merge a group of customers into a survivor, field by field',
			tags,
			status: 201,
			response: MergeResult
		}),
		input('json', MergeCustomers),
		async (c) => c.json(await mergeCustomers({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.post(
		'/merges/:id/undo',
		permit('customers.merge'),
		doc({
			summary: 'Undo a merge, unless something since depends on it (409 says what)',
			tags,
			response: MergeResult
		}),
		input('param', MergeParams),
		async (c) => c.json(await undoMerge({ ctx: getCtx(c), id: c.req.valid('param').id }))
	);
