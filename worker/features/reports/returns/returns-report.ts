import type { Ctx } from '../../../core/context';
import { reportWindow } from '../period';
import { period } from '../sales';
import type { ReturnReport, ReturnReportQuery, ReturnReportRow } from './schemas';
import { TABLE_QUERIES, timeToMoney } from './tables';

/** One returns report table for the period: one query. */
export async function returnReport({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ReturnReportQuery;
}): Promise<ReturnReport> {
	const w = reportWindow(input, ctx.now);
	const rows = await ctx.db.all<ReturnReportRow>(TABLE_QUERIES[input.table](w));
	return {
		table: input.table,
		period: period(w),
		rows:
			input.table === 'time-to-money'
				? timeToMoney(rows as unknown as { month: string; ms: number }[])
				: rows
	};
}
