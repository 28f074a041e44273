import { Hono } from 'hono';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { doc } from '../../../core/doc';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { getReturnSignals } from './get-signals';
import { ReturnSignals, SignalParams } from './schemas';

// Mounted under /customers: a customer's return-abuse signals (issue 11).
export const returnSignalsRoutes = new Hono<AppEnv>().get(
	'/:id/return-signals',
	// About a customer's behaviour: for people who may read customers.
	permit('customers.read'),
	doc({
		summary:
			'Return-abuse signals for a customer, each in words with its evidence (they inform; they never block)',
		tags: ['returns'],
		response: ReturnSignals
	}),
	input('param', SignalParams),
	async (c) =>
		c.json(await getReturnSignals({ ctx: getCtx(c), customerId: c.req.valid('param').id }))
);
