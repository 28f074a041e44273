import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { countVariances } from './count-variances';
import { daysOfCover } from './days-of-cover';
import { deadStock } from './dead-stock';
import {
	countVariancesCsv,
	daysOfCoverCsv,
	deadStockCsv,
	sellThroughCsv,
	valuationCsv
} from './inventory-csv';
import {
	CountVariances,
	DaysOfCover,
	DeadStock,
	ReportFormat,
	ReportPeriod,
	SellThrough,
	Valuation
} from './schemas';
import { sellThrough } from './sell-through';
import { stockValuation } from './valuation';

const tags = ['reports'];

/** The report as JSON, or with `format=csv` as a spreadsheet file named after it. */
function answer<R>(
	c: Context<AppEnv>,
	name: string,
	format: 'json' | 'csv',
	report: R,
	csv: (r: R) => string
) {
	if (format === 'json') return c.json(report);
	const day = new Date(getCtx(c).now).toISOString().slice(0, 10);
	return c.body(csv(report), 200, {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="ordo-${name}-${day}.csv"`
	});
}

// Inventory reports (issue 8): each a table, as JSON or CSV (`?format=csv`).
export const reportsRoutes = new Hono<AppEnv>()
	.get(
		'/inventory/valuation',
		permit('reports.read'),
		doc({
			summary: 'Stock valuation: on hand × unit cost per product and location, totals',
			tags,
			response: Valuation
		}),
		input('query', ReportFormat),
		async (c) => {
			const { format } = c.req.valid('query');
			const report = await stockValuation({ ctx: getCtx(c) });
			return answer(c, 'stock-valuation', format, report, valuationCsv);
		}
	)
	.get(
		'/inventory/days-of-cover',
		permit('reports.read'),
		doc({
			summary: 'Days of cover: on hand ÷ average daily units sold over the period',
			tags,
			response: DaysOfCover
		}),
		input('query', ReportPeriod),
		async (c) => {
			const query = c.req.valid('query');
			const report = await daysOfCover({ ctx: getCtx(c), input: query });
			return answer(c, 'days-of-cover', query.format, report, daysOfCoverCsv);
		}
	)
	.get(
		'/inventory/sell-through',
		permit('reports.read'),
		doc({
			summary: 'Sell-through: units sold ÷ (sold + on hand) over the period',
			tags,
			response: SellThrough
		}),
		input('query', ReportPeriod),
		async (c) => {
			const query = c.req.valid('query');
			const report = await sellThrough({ ctx: getCtx(c), input: query });
			return answer(c, 'sell-through', query.format, report, sellThroughCsv);
		}
	)
	.get(
		'/inventory/dead-stock',
		permit('reports.read'),
		doc({
			summary: 'Dead stock: on hand and no sale in the period, most value first',
			tags,
			response: DeadStock
		}),
		input('query', ReportPeriod),
		async (c) => {
			const query = c.req.valid('query');
			const report = await deadStock({ ctx: getCtx(c), input: query });
			return answer(c, 'dead-stock', query.format, report, deadStockCsv);
		}
	)
	.get(
		'/inventory/count-variances',
		permit('reports.read'),
		doc({
			summary: 'Count variance history: every counted difference in the period, newest first',
			tags,
			response: CountVariances
		}),
		input('query', ReportPeriod),
		async (c) => {
			const query = c.req.valid('query');
			const report = await countVariances({ ctx: getCtx(c), input: query });
			return answer(c, 'count-variances', query.format, report, countVariancesCsv);
		}
	);
