import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../core/context';
import { doc } from '../../core/doc';
import { permit } from '../../core/permit';
import { getHealth } from './get-health';

export const Health = v.object({
	status: v.picklist(['ok', 'degraded']),
	version: v.string(),
	database: v.object({
		reachable: v.boolean(),
		level: v.nullable(v.string()),
		pending: v.array(v.string())
	})
});

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
