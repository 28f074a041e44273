import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { insertPhones, phoneRows, single } from './child-rows';
import {
	bumpVersion,
	customerWritable,
	customerRecords,
	FieldCheck,
	profileOf,
	regionFor
} from './internal';
import type { CustomerProfile, NewPhone } from './schemas';

/** Adds a phone, stored as E.164 (typed without +code: read in the shop's region). */
export async function addPhone({ ctx, id, input }: { ctx: Ctx; id: string; input: NewPhone }) {
	const region = await regionFor(ctx, [input.phone]);
	const check = new FieldCheck();
	const rows = phoneRows(check, single, [input], region);
	check.done();
	const row = rows[0]!;
	return mutate<CustomerProfile>(ctx, {
		status: 201,
		writes: [
			...customerWritable(ctx, id),
			...insertPhones(ctx, id, rows),
			bumpVersion(ctx, id),
			...customerRecords(ctx, {
				id,
				verb: 'add_phone',
				summary: `Phone added: ${row.original} (${row.kind})`,
				fields: ['phones']
			})
		],
		result: profileOf(id)
	});
}
