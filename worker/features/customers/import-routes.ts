import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { ImportCustomers, ImportReport } from './data-request-schemas';
import { importCustomers } from './import-customers';

const tags = ['customers'];

// Customer import (issue 9), mounted beside the profile routes at /api/customers. The
// whole file in one request: it applies whole or not at all (scripts/serve/limits.ts lets
// this route past the 1 MiB body cap).
export const customerImportRoutes = new Hono<AppEnv>().post(
	'/import',
	// The file is a batch of people: bulk, so a manager's permission. The response holds
	// row errors quoting the file; replaying it from storage would keep them a week.
	permit('customers.import', { replay: false }),
	doc({
		summary:
			'Import customers from CSV, whole or not at all; dryRun checks and previews without writing',
		tags,
		response: ImportReport
	}),
	input('json', ImportCustomers),
	async (c) => c.json(await importCustomers({ ctx: getCtx(c), input: c.req.valid('json') }))
);
