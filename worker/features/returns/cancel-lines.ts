import type { ReturnLineStatus } from '../../../db/schema/returns';
import type { Ctx } from '../../core/context';
import { readReturn } from './internal';
import { moveLines } from './move-lines';
import type { CancelLine, RejectLine, ReturnSummary } from './schemas';

/** The customer no longer sends a line back (before anything arrived): its units are free again. */
export async function cancelReturnLine({
	ctx,
	id,
	line,
	input
}: {
	ctx: Ctx;
	id: string;
	line: number;
	input: CancelLine;
}): Promise<ReturnSummary> {
	const ret = await readReturn(ctx, id);
	return moveLines(ctx, ret, input.version, {
		to: new Map([[line, 'cancelled']]),
		kind: 'return.line_cancelled',
		summary: `line ${line} cancelled${input.reason ? `: ${input.reason}` : ''}`,
		action: 'return.line_cancel',
		details: { line, reason: input.reason ?? null },
		hint: 'Only a line that has not arrived can be cancelled.'
	});
}

/** The shop refuses a line (with a reason the customer is told); its units are free again. */
export async function rejectReturnLine({
	ctx,
	id,
	line,
	input
}: {
	ctx: Ctx;
	id: string;
	line: number;
	input: RejectLine;
}): Promise<ReturnSummary> {
	const ret = await readReturn(ctx, id);
	return moveLines(ctx, ret, input.version, {
		to: new Map([[line, 'rejected']]),
		kind: 'return.line_rejected',
		summary: `line ${line} rejected: ${input.reason}`,
		action: 'return.line_reject',
		details: { line, reason: input.reason }
	});
}

/** The whole return is called off: every line still waiting is cancelled (409 if one arrived). */
export async function cancelReturn({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: CancelLine;
}): Promise<ReturnSummary> {
	const ret = await readReturn(ctx, id);
	const finished: ReturnLineStatus[] = ['cancelled', 'rejected', 'expired'];
	const to = new Map<number, ReturnLineStatus>(
		ret.lines.filter((l) => !finished.includes(l.status)).map((l) => [l.line, 'cancelled'])
	);
	// A line that arrived (or beyond) makes lineTransition refuse the whole cancel, in words.
	if (to.size === 0) to.set(ret.lines[0]?.line ?? 1, 'cancelled');
	return moveLines(ctx, ret, input.version, {
		to,
		kind: 'return.cancelled',
		summary: `cancelled${input.reason ? `: ${input.reason}` : ''}`,
		action: 'return.cancel',
		details: { reason: input.reason ?? null },
		hint: 'Cancel the lines that have not arrived one by one; what arrived is inspected.'
	});
}
