import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { resolveCode } from './resolve-code';
import { ScanParams, ScanResult } from './schemas';

export const scanRoutes = new Hono<AppEnv>().get(
	'/:code',
	permit('inventory.read'),
	doc({
		summary:
			'What a scanned code names: a product (barcode or SKU), an order, a return or a bin, in one round trip',
		tags: ['scan'],
		response: ScanResult
	}),
	input('param', ScanParams),
	async (c) => c.json(await resolveCode({ ctx: getCtx(c), code: c.req.valid('param').code }))
);
