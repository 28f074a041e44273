import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { addAddress } from './add-address';
import { addEmail } from './add-email';
import { addPhone } from './add-phone';
import { createCustomer } from './create-customer';
import { getCustomer } from './get-customer';
import { removeContact } from './remove-contact';
import {
	ChildParams,
	ConsentParams,
	CreateCustomer,
	CustomerList,
	CustomerParams,
	CustomerProfile,
	NewAddress,
	NewEmail,
	NewPhone,
	SearchCustomers,
	SetConsent,
	UpdateCustomer
} from './schemas';
import { searchCustomers } from './search-customers';
import { setConsent } from './set-consent';
import { updateCustomer } from './update-customer';

const tags = ['customers'];

export const customersRoutes = new Hono<AppEnv>()
	.get(
		'/',
		permit('customers.read'),
		doc({
			summary:
				'Find customers from one box: any part of a name (typos too), email, phone typed any way, postcode, order number or external id',
			tags,
			response: CustomerList
		}),
		input('query', SearchCustomers),
		async (c) => c.json(await searchCustomers({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.post(
		'/',
		permit('customers.write'),
		doc({ summary: 'Create a customer profile', tags, status: 201, response: CustomerProfile }),
		input('json', CreateCustomer),
		async (c) => c.json(await createCustomer({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.get(
		'/:id',
		permit('customers.read'),
		doc({
			summary: 'A customer profile with its orders; a merged one names the survivor in mergedInto',
			tags,
			response: CustomerProfile
		}),
		input('param', CustomerParams),
		async (c) => c.json(await getCustomer({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.patch(
		'/:id',
		permit('customers.write'),
		doc({
			summary: 'Change profile fields (409 naming what changed if expectVersion moved)',
			tags,
			response: CustomerProfile
		}),
		input('param', CustomerParams),
		input('json', UpdateCustomer),
		async (c) =>
			c.json(
				await updateCustomer({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/:id/emails',
		permit('customers.write'),
		doc({ summary: 'Add an email', tags, status: 201, response: CustomerProfile }),
		input('param', CustomerParams),
		input('json', NewEmail),
		async (c) =>
			c.json(
				await addEmail({ ctx: getCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }),
				201
			)
	)
	.delete(
		'/:id/emails/:childId',
		permit('customers.write'),
		doc({ summary: 'Remove an email', tags, response: CustomerProfile }),
		input('param', ChildParams),
		async (c) => {
			const { id, childId } = c.req.valid('param');
			return c.json(await removeContact({ ctx: getCtx(c), id, childId, kind: 'email' }));
		}
	)
	.post(
		'/:id/phones',
		permit('customers.write'),
		doc({ summary: 'Add a phone number', tags, status: 201, response: CustomerProfile }),
		input('param', CustomerParams),
		input('json', NewPhone),
		async (c) =>
			c.json(
				await addPhone({ ctx: getCtx(c), id: c.req.valid('param').id, input: c.req.valid('json') }),
				201
			)
	)
	.delete(
		'/:id/phones/:childId',
		permit('customers.write'),
		doc({ summary: 'Remove a phone number', tags, response: CustomerProfile }),
		input('param', ChildParams),
		async (c) => {
			const { id, childId } = c.req.valid('param');
			return c.json(await removeContact({ ctx: getCtx(c), id, childId, kind: 'phone' }));
		}
	)
	.post(
		'/:id/addresses',
		permit('customers.write'),
		doc({
			summary: 'Add a billing or shipping address',
			tags,
			status: 201,
			response: CustomerProfile
		}),
		input('param', CustomerParams),
		input('json', NewAddress),
		async (c) =>
			c.json(
				await addAddress({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				}),
				201
			)
	)
	.delete(
		'/:id/addresses/:childId',
		permit('customers.write'),
		doc({ summary: 'Remove an address', tags, response: CustomerProfile }),
		input('param', ChildParams),
		async (c) => {
			const { id, childId } = c.req.valid('param');
			return c.json(await removeContact({ ctx: getCtx(c), id, childId, kind: 'address' }));
		}
	)
	.put(
		'/:id/consents/:channel',
		permit('customers.write'),
		doc({
			summary: 'Record marketing consent for a channel: given or withdrawn, when and how',
			tags,
			response: CustomerProfile
		}),
		input('param', ConsentParams),
		input('json', SetConsent),
		async (c) => {
			const { id, channel } = c.req.valid('param');
			return c.json(await setConsent({ ctx: getCtx(c), id, channel, input: c.req.valid('json') }));
		}
	);
