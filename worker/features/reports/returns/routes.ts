import { Hono } from 'hono';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { doc } from '../../../core/doc';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { toCsvText } from '../../../lib/csv-export';
import { returnReport } from './returns-report';
import { ReturnReport, ReturnReportQuery } from './schemas';
import { TABLE_COLUMNS } from './tables';

// Returns reports (issue 11), mounted under /reports beside the inventory ones: a table
// named by `table`, as JSON or, with `format=csv`, a spreadsheet file named after it.
export const returnReportsRoutes = new Hono<AppEnv>().get(
	'/returns',
	permit('reports.read'),
	doc({
		summary:
			'Returns reports: return rate by product, category and reason; refunds and credits by kind; claims; overrides by staff; time to money back',
		tags: ['reports'],
		response: ReturnReport
	}),
	input('query', ReturnReportQuery),
	async (c) => {
		const query = c.req.valid('query');
		const ctx = getCtx(c);
		const report = await returnReport({ ctx, input: query });
		if (query.format === 'json') return c.json(report);
		const day = new Date(ctx.now).toISOString().slice(0, 10);
		const columns = TABLE_COLUMNS[query.table];
		const csv = toCsvText(
			columns.map(snake),
			report.rows.map((r) => columns.map((k) => r[k] ?? null))
		);
		return c.body(csv, 200, {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ordo-returns-${query.table}-${day}.csv"`
		});
	}
);

const snake = (key: string) => key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
