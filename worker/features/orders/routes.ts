import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { cancelOrder } from './cancel-order';
import { getOrder } from './get-order';
import { holdOrder } from './hold-order';
import { importOrders, uploadedCsv } from './import-orders';
import { ImportOrders, ImportResult } from './import-schemas';
import { listOrders } from './list-orders';
import { placeOrder } from './place-order';
import { releaseHold } from './release-hold';
import {
	CancelOrder,
	HoldOrder,
	ListOrders,
	OrderDetail,
	OrderPage,
	OrderParams,
	OrderSummary,
	PlaceOrder,
	ReleaseHold
} from './schemas';

const tags = ['orders'];

export const ordersRoutes = new Hono<AppEnv>()
	.get(
		'/',
		permit('orders.read'),
		doc({
			summary: 'Find orders by number, customer, status, dates or SKU (newest first)',
			tags,
			response: OrderPage
		}),
		input('query', ListOrders),
		async (c) => c.json(await listOrders({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.post(
		'/',
		permit('orders.write'),
		doc({
			summary: 'Place an order (reserves its stock; phone for people, web for API keys)',
			tags,
			status: 201,
			response: OrderSummary
		}),
		input('json', PlaceOrder),
		async (c) => c.json(await placeOrder({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.get(
		'/:id',
		permit('orders.read'),
		doc({
			summary: 'An order with its lines, payments, shipments and timeline',
			tags,
			response: OrderDetail
		}),
		input('param', OrderParams),
		async (c) => c.json(await getOrder({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/:id/hold',
		permit('orders.write'),
		doc({ summary: 'Put an order on hold', tags, response: OrderSummary }),
		input('param', OrderParams),
		input('json', HoldOrder),
		async (c) =>
			c.json(
				await holdOrder({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/:id/release-hold',
		permit('orders.write'),
		doc({
			summary: 'Release a hold: the order carries on where it stopped',
			tags,
			response: OrderSummary
		}),
		input('param', OrderParams),
		input('json', ReleaseHold),
		async (c) =>
			c.json(
				await releaseHold({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/:id/cancel',
		permit('orders.write'),
		doc({
			summary: 'Cancel an order: releases its stock and refunds what was captured',
			tags,
			response: OrderSummary
		}),
		input('param', OrderParams),
		input('json', CancelOrder),
		async (c) =>
			c.json(
				await cancelOrder({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/import',
		permit('orders.import'),
		doc({
			summary:
				'Import order history from a CSV (Online Retail, Shopify, or mapped): whole file or nothing; dryRun previews',
			tags,
			response: ImportResult
		}),
		input('json', ImportOrders),
		async (c) => {
			const body = c.req.valid('json');
			return c.json(
				await importOrders({
					ctx: getCtx(c),
					input: {
						csv: await uploadedCsv(body),
						format: body.format,
						map: body.map,
						dryRun: body.dryRun
					}
				})
			);
		}
	);
