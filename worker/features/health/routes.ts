import { Hono } from 'hono';
import * as v from 'valibot';
import { migrationLevel } from '../../../db/migrate';
import type { AppEnv } from '../../core/context';
import { doc } from '../../core/doc';
import { permit } from '../../core/permit';
import { version } from '../../../package.json';

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
	doc({ summary: 'Version, database reachability and migration level', tags: ['health'], response: Health }),
	async (c) => {
		try {
			const { level, pending } = await migrationLevel(c.var.database.client);
			c.var.database.trips.count += 1;
			return c.json({ status: 'ok' as const, version, database: { reachable: true, level, pending } });
		} catch {
			return c.json(
				{ status: 'degraded' as const, version, database: { reachable: false, level: null, pending: [] } },
				503
			);
		}
	}
);
