import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { doc } from '../../core/doc';
import { permit } from '../../core/permit';
import { getHealth } from './get-health';
import { Health } from './schemas';

export const healthRoutes = new Hono<AppEnv>().get(
	'/',
	permit('public'),
	doc({
		summary: 'Version, database reachability and migration level',
		tags: ['health'],
		response: Health
	}),
	async (c) => {
		const report = await getHealth({ database: c.var.database });
		return c.json(report, report.status === 'ok' ? 200 : 503);
	}
);
