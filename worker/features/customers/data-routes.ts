import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import {
	CustomerExport,
	CustomerParams,
	ErasedCustomer,
	ExportCustomer
} from './data-request-schemas';
import { eraseCustomer } from './erase-customer';
import { exportCustomer } from './export-customer';
import { exportToCsv } from './export-csv';

const tags = ['customers'];

// The person's data requests (issue 9, GDPR art. 15 and 17), mounted beside the profile
// routes at /api/customers.
export const customerDataRoutes = new Hono<AppEnv>()
	.get(
		'/:id/export',
		permit('customers.export', { stepUp: true }),
		doc({
			summary: "One customer's data on their request, as JSON or CSV (audited)",
			tags,
			response: CustomerExport
		}),
		input('param', CustomerParams),
		input('query', ExportCustomer),
		async (c) => {
			const { id } = c.req.valid('param');
			const { format } = c.req.valid('query');
			const data = await exportCustomer({ ctx: getCtx(c), id, format });
			const name = `customer-${String(data.profile.number ?? id)}`;
			if (format === 'json')
				return c.json(data, 200, { 'content-disposition': `attachment; filename="${name}.json"` });
			return c.body(exportToCsv(data), 200, {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.csv"`
			});
		}
	)
	.post(
		'/:id/erase',
		// Irreversible: a recent proof of identity first, like the other sensitive actions.
		permit('customers.erase', { stepUp: true }),
		doc({
			summary:
				"Erase one customer's personal data on their request; orders stay, anonymised (audited)",
			tags,
			response: ErasedCustomer
		}),
		input('param', CustomerParams),
		async (c) => c.json(await eraseCustomer({ ctx: getCtx(c), id: c.req.valid('param').id }))
	);
