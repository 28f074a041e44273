import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { addressRows, insertAddresses, single } from './child-rows';
import { bumpVersion, customerWritable, customerRecords, FieldCheck, profileOf } from './internal';
import type { CustomerProfile, NewAddress } from './schemas';

/** Adds a billing or shipping address (a customer may have several of each). */
export async function addAddress({ ctx, id, input }: { ctx: Ctx; id: string; input: NewAddress }) {
	const check = new FieldCheck();
	const rows = addressRows(check, single, [input]);
	check.done();
	const row = rows[0]!;
	return mutate<CustomerProfile>(ctx, {
		status: 201,
		writes: [
			...customerWritable(ctx, id),
			...insertAddresses(ctx, id, rows),
			bumpVersion(ctx, id),
			...customerRecords(ctx, {
				id,
				verb: 'add_address',
				summary: `${row.kind === 'billing' ? 'Billing' : 'Shipping'} address added: ${row.line1}${row.postalCode ? `, ${row.postalCode}` : ''}`,
				fields: ['addresses']
			})
		],
		result: profileOf(id)
	});
}
