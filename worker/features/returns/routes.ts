import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { cancelReturn, cancelReturnLine, rejectReturnLine } from './cancel-lines';
import { createReturn } from './create-return';
import { getReturn } from './get-return';
import { createHeldReturn } from './held-return';
import { matchHeldReturn } from './match-held-return';
import { listReturns } from './list-returns';
import { getReturnPolicy, putReturnPolicy } from './policies';
import { previewReturn } from './preview-return';
import { createReason, listReasons, updateReason } from './reasons';
import {
	CancelLine,
	CreateHeldReturn,
	CreateReason,
	CreateReturn,
	CreatedReturns,
	ListReturns,
	MatchHeldReturn,
	PreviewReturn,
	PutReturnPolicy,
	ReasonParams,
	ReasonTree,
	RejectLine,
	ReturnDetail,
	ReturnLineParams,
	ReturnPage,
	ReturnParams,
	ReturnPolicyView,
	ReturnPreview,
	ReturnReason,
	ReturnShipmentView,
	ReturnSummary,
	UpdateReason,
	UpdateShipment
} from './schemas';
import { updateReturnShipment } from './update-shipment';
import { jsonBodyLimit, RETURNS_BODY_LIMIT } from '../../core/json-body-limit';

// The rep's side of returns (issue 11): policy, reasons, preview, authorise, read, line
// actions and the inbound parcel. Receiving, money and claims mount their own routes.
const tags = ['returns'];
const read = permit('returns.read');
const authorize = permit('returns.authorize');
const settings = permit('settings.manage');

export const returnsRoutes = new Hono<AppEnv>()
	// Every returns/claims body is a form's worth of JSON (the policy document is the largest).
	.use('*', jsonBodyLimit(RETURNS_BODY_LIMIT))
	.get(
		'/policy',
		read,
		doc({
			summary: 'The return policy in force and its version',
			tags,
			response: ReturnPolicyView
		}),
		async (c) => c.json(await getReturnPolicy({ ctx: getCtx(c) }))
	)
	.put(
		'/policy',
		settings,
		doc({
			summary: 'Save the return policy as a new version (returns keep theirs)',
			tags,
			response: ReturnPolicyView
		}),
		input('json', PutReturnPolicy),
		async (c) => c.json(await putReturnPolicy({ ctx: getCtx(c), input: c.req.valid('json') }))
	)
	.get(
		'/reasons',
		read,
		doc({ summary: 'Return reasons, as a tree', tags, response: ReasonTree }),
		async (c) => c.json(await listReasons({ ctx: getCtx(c) }))
	)
	.post(
		'/reasons',
		settings,
		doc({ summary: 'Add a return reason', tags, status: 201, response: ReturnReason }),
		input('json', CreateReason),
		async (c) => c.json(await createReason({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.patch(
		'/reasons/:code',
		settings,
		doc({ summary: 'Relabel, reflag or retire a return reason', tags, response: ReturnReason }),
		input('param', ReasonParams),
		input('json', UpdateReason),
		async (c) =>
			c.json(
				await updateReason({
					ctx: getCtx(c),
					code: c.req.valid('param').code,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/preview',
		authorize,
		doc({
			summary: 'What authorising these lines would say: eligibility, fees, refund estimate',
			tags,
			response: ReturnPreview
		}),
		input('json', PreviewReturn),
		async (c) => c.json(await previewReturn({ ctx: getCtx(c), input: c.req.valid('json') }))
	)
	.post(
		'/',
		authorize,
		doc({
			summary: 'Authorise a return (one per order), with its label and notification',
			tags,
			status: 201,
			response: CreatedReturns
		}),
		input('json', CreateReturn),
		async (c) => c.json(await createReturn({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.post(
		'/held',
		authorize,
		doc({
			summary: 'Start a return from a SKU when the order cannot be found (held for review)',
			tags,
			status: 201,
			response: ReturnSummary
		}),
		input('json', CreateHeldReturn),
		async (c) => c.json(await createHeldReturn({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.patch(
		'/:id/match',
		authorize,
		doc({
			summary: 'Match a held return to its order line; the policy decides and it is authorised',
			tags,
			response: ReturnSummary
		}),
		input('param', ReturnParams),
		input('json', MatchHeldReturn),
		async (c) =>
			c.json(
				await matchHeldReturn({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.get(
		'/',
		read,
		doc({
			summary: 'Returns by status, customer, order or number (newest first)',
			tags,
			response: ReturnPage
		}),
		input('query', ListReturns),
		async (c) => c.json(await listReturns({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/:id',
		read,
		doc({
			summary: 'A return with its lines, parcel, notifications and timeline',
			tags,
			response: ReturnDetail
		}),
		input('param', ReturnParams),
		async (c) => c.json(await getReturn({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/cancel',
		authorize,
		doc({ summary: 'Cancel a return (every line not yet arrived)', tags, response: ReturnSummary }),
		input('param', ReturnParams),
		input('json', CancelLine),
		async (c) =>
			c.json(
				await cancelReturn({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/:id/lines/:line/cancel',
		authorize,
		doc({ summary: 'Cancel one line of a return', tags, response: ReturnSummary }),
		input('param', ReturnLineParams),
		input('json', CancelLine),
		async (c) => {
			const { id, line } = c.req.valid('param');
			return c.json(
				await cancelReturnLine({ ctx: getCtx(c), id, line, input: c.req.valid('json') })
			);
		}
	)
	.post(
		'/:id/lines/:line/reject',
		authorize,
		doc({ summary: 'Reject one line of a return, with the reason', tags, response: ReturnSummary }),
		input('param', ReturnLineParams),
		input('json', RejectLine),
		async (c) => {
			const { id, line } = c.req.valid('param');
			return c.json(
				await rejectReturnLine({ ctx: getCtx(c), id, line, input: c.req.valid('json') })
			);
		}
	)
	.patch(
		'/:id/shipment',
		authorize,
		doc({
			summary: 'The inbound parcel: carrier, tracking number, status (lost included)',
			tags,
			response: ReturnShipmentView
		}),
		input('param', ReturnParams),
		input('json', UpdateShipment),
		async (c) =>
			c.json(
				(await updateReturnShipment({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})) as v.InferOutput<typeof ReturnShipmentView>
			)
	);
