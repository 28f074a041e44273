import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { emailRows, insertEmails, single } from './child-rows';
import { bumpVersion, customerWritable, customerRecords, FieldCheck, profileOf } from './internal';
import type { CustomerProfile, NewEmail } from './schemas';

/** Adds an email (case-folded); `primary` makes it the one orders and receipts use. */
export async function addEmail({ ctx, id, input }: { ctx: Ctx; id: string; input: NewEmail }) {
	const check = new FieldCheck();
	const rows = emailRows(check, single, [input]);
	check.done();
	const row = rows[0]!;
	return mutate<CustomerProfile>(ctx, {
		status: 201,
		writes: [
			...customerWritable(ctx, id),
			...insertEmails(ctx, id, rows),
			bumpVersion(ctx, id),
			...customerRecords(ctx, {
				id,
				verb: 'add_email',
				summary: `Email added: ${row.original}${row.primary ? ' (primary)' : ''}`,
				fields: ['emails']
			})
		],
		result: profileOf(id)
	});
}
