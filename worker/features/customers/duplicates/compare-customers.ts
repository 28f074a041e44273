import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import { readGroup } from './group';
import type { CompareCustomers, Comparison } from './schemas';

/** The side-by-side view a person merges from: the same snapshot the merge decides on. */
export async function compareCustomers({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CompareCustomers;
}): Promise<Comparison> {
	const customers = await readGroup(ctx, input.ids);
	const missing = input.ids.filter((id) => !customers.some((c) => c.id === id));
	if (missing.length)
		throw new NotFound(
			'customer-not-found',
			'No such customer',
			`There is no customer ${missing.join(', ')}.`
		);
	return { customers };
}
