import { Hono } from 'hono';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { doc } from '../../../core/doc';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { fileClaim } from './file-claim';
import { parcelReturned } from './parcel-returned';
import { Claim, ClaimParams, FileClaim, ParcelReturned } from './schemas';
import { jsonBodyLimit, RETURNS_BODY_LIMIT } from '../../../core/json-body-limit';

const tags = ['returns'];

// Claims (issue 11): settled at once by a refund or a replacement, no return needed.
export const claimsRoutes = new Hono<AppEnv>()
	// Every returns/claims body is a form's worth of JSON (the policy document is the largest).
	.use('*', jsonBodyLimit(RETURNS_BODY_LIMIT))
	.post(
		'/',
		permit('returns.authorize'),
		doc({
			summary:
				'File a claim (damaged, defective, wrong or missing item, lost parcel): refund or replacement, no return',
			tags,
			status: 201,
			response: Claim
		}),
		input('json', FileClaim),
		async (c) => c.json(await fileClaim({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.post(
		'/:id/parcel-returned',
		permit('returns.receive'),
		doc({
			summary:
				'A lost parcel came back: its items go to quarantine; the claim is not refunded again',
			tags,
			response: Claim
		}),
		input('param', ClaimParams),
		input('json', ParcelReturned),
		async (c) =>
			c.json(
				await parcelReturned({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	);
