import { eq, sql } from 'drizzle-orm';
import { returnReasons } from '../../../db/schema/returns';
import type { Ctx } from '../../core/context';
import { Invalid, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import type {
	CreateReason,
	ReasonTree,
	ReturnReason,
	ReturnReasonNode,
	UpdateReason
} from './schemas';

const reasonJson = sql`json_object('code', code, 'parentCode', parent_code, 'label', label,
	'defective', json(CASE WHEN defective THEN 'true' ELSE 'false' END),
	'damagedOnArrival', json(CASE WHEN damaged_on_arrival THEN 'true' ELSE 'false' END),
	'shopFault', json(CASE WHEN shop_fault THEN 'true' ELSE 'false' END),
	'claimOnly', json(CASE WHEN claim_only THEN 'true' ELSE 'false' END),
	'active', json(CASE WHEN active THEN 'true' ELSE 'false' END), 'sortOrder', sort_order)`;

/** The managed reasons as a tree (parents first, by sort order); retired ones included, marked. */
export async function listReasons({ ctx }: { ctx: Ctx }): Promise<ReasonTree> {
	const rows = await ctx.db.all<{ r: string }>(
		sql`SELECT ${reasonJson} AS r FROM return_reasons ORDER BY sort_order, code`
	);
	const nodes = rows.map((row) => ({ ...(JSON.parse(row.r) as ReturnReason), children: [] }));
	const byCode = new Map<string, ReturnReasonNode>(nodes.map((n) => [n.code, n]));
	const items: ReturnReasonNode[] = [];
	for (const n of nodes) {
		const parent = n.parentCode ? byCode.get(n.parentCode) : undefined;
		(parent ? parent.children : items).push(n);
	}
	return { items };
}

export async function createReason({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateReason;
}): Promise<ReturnReason> {
	const [taken] = await ctx.db.all<{ code: string }>(
		sql`SELECT code FROM return_reasons WHERE code IN (${input.code}, ${input.parentCode ?? input.code})`
	);
	if (taken?.code === input.code)
		throw new Invalid(
			'reason-exists',
			'That reason code is used',
			`"${input.code}" already exists: edit it, or pick another code.`,
			{
				code: ['Already used']
			}
		);
	return mutate<ReturnReason>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(returnReasons).values({
				code: input.code,
				parentCode: input.parentCode ?? null,
				label: input.label,
				defective: input.defective ?? false,
				damagedOnArrival: input.damagedOnArrival ?? false,
				shopFault: input.shopFault ?? false,
				claimOnly: input.claimOnly ?? false,
				sortOrder: input.sortOrder ?? 1000
			}),
			auditEntry(ctx, {
				action: 'return.reason_create',
				target: { type: 'return_reason', id: input.code },
				details: { label: input.label, parentCode: input.parentCode ?? null }
			})
		],
		result: sql`SELECT ${reasonJson} FROM return_reasons WHERE code = ${input.code}`
	});
}

/** Relabel, reflag, reorder or retire a reason (never deleted: past returns name it). */
export async function updateReason({
	ctx,
	code,
	input
}: {
	ctx: Ctx;
	code: string;
	input: UpdateReason;
}): Promise<ReturnReason> {
	const [found] = await ctx.db.all<{ code: string }>(
		sql`SELECT code FROM return_reasons WHERE code = ${code}`
	);
	if (!found)
		throw new NotFound('reason-not-found', 'No such reason', `No reason has code ${code}.`);
	const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
	if (Object.keys(set).length === 0)
		throw new Invalid(
			'nothing-to-change',
			'Nothing to change',
			'Send a label, active, a flag or sortOrder.'
		);
	return mutate<ReturnReason>(ctx, {
		writes: [
			ctx.db.update(returnReasons).set(set).where(eq(returnReasons.code, code)),
			auditEntry(ctx, {
				action: 'return.reason_update',
				target: { type: 'return_reason', id: code },
				details: set as Record<string, string | number | boolean>
			})
		],
		result: sql`SELECT ${reasonJson} FROM return_reasons WHERE code = ${code}`
	});
}
