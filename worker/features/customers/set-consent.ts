import { sql } from 'drizzle-orm';
import type { ConsentChannel } from '../../../db/schema/customers';
import type { Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { bumpVersion, customerWritable, customerRecords, profileOf } from './internal';
import type { CustomerProfile, SetConsent } from './schemas';

/**
 * Records marketing consent for one channel: given or withdrawn, when and how (GDPR Art. 7(1):
 * the shop must be able to show it). The row holds the current state; the timeline and the
 * audit log keep every change.
 */
export async function setConsent({
	ctx,
	id,
	channel,
	input
}: {
	ctx: Ctx;
	id: string;
	channel: ConsentChannel;
	input: SetConsent;
}): Promise<CustomerProfile> {
	const at = input.at ? Date.parse(input.at) : ctx.now;
	if (at > ctx.now + 60_000)
		throw new Invalid('invalid-input', 'Some fields need attention', undefined, {
			at: ['Consent cannot be given in the future']
		});
	const recordedBy = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
	return mutate<CustomerProfile>(ctx, {
		writes: [
			...customerWritable(ctx, id),
			ctx.db.run(
				sql`INSERT INTO customer_consents (customer_id, channel, granted, at, source, recorded_by)
					VALUES (${id}, ${channel}, ${input.granted ? 1 : 0}, ${at}, ${input.source}, ${recordedBy})
					ON CONFLICT (customer_id, channel) DO UPDATE SET granted = excluded.granted,
						at = excluded.at, source = excluded.source, recorded_by = excluded.recorded_by`
			),
			bumpVersion(ctx, id),
			...customerRecords(ctx, {
				id,
				verb: 'consent',
				summary: `${channel} marketing ${input.granted ? 'allowed' : 'refused'} (${input.source})`,
				fields: ['consents'],
				details: { channel, granted: input.granted, source: input.source }
			})
		],
		result: profileOf(id)
	});
}
