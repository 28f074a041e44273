import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { CustomerList, SearchCustomers } from './schemas';
import { searchCustomers } from './search-customers';

const tags = ['customers'];

// A seam for the customers issue: finding the caller for a phone order.
export const customersRoutes = new Hono<AppEnv>().get(
	'/',
	permit('customers.read'),
	doc({
		summary: 'Find customers by the start of a name, email or phone',
		tags,
		response: CustomerList
	}),
	input('query', SearchCustomers),
	async (c) => c.json(await searchCustomers({ ctx: getCtx(c), input: c.req.valid('query') }))
);
