import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { exportAudit } from './export-audit';
import { getRetention } from './get-retention';
import { listAudit } from './list-audit';
import { purgeAudit } from './purge-audit';
import {
	AuditFilter,
	AuditPage,
	AuditVerification,
	ListAudit,
	Purged,
	Retention,
	SetRetention,
	VerifyAudit
} from './schemas';
import { sealAfterResponse } from './seal-after-response';
import { setRetention } from './set-retention';
import { verifyAudit } from './verify-audit';

const tags = ['audit'];

// PCI DSS 10.2–10.5: reading the log needs `audit.read` (and is itself logged); the
// retention is a policy, so it and the purge it drives need `settings.manage`.
export const auditRoutes = new Hono<AppEnv>()
	.use(sealAfterResponse)
	.get(
		'/',
		permit('audit.read'),
		doc({ summary: 'Audit log entries, newest first (audited)', tags, response: AuditPage }),
		input('query', ListAudit),
		async (c) => c.json(await listAudit({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/verify',
		permit('audit.read'),
		doc({
			summary:
				'Seal pending entries and check the keyed chain (and an anchor, if given); names the first broken entry',
			tags,
			response: AuditVerification
		}),
		input('query', VerifyAudit),
		async (c) => c.json(await verifyAudit({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/export',
		permit('audit.read'),
		doc({ summary: 'Audit log as CSV (RFC 4180), oldest first, with hashes (audited)', tags }),
		input('query', AuditFilter),
		async (c) => {
			const result = await exportAudit({ ctx: getCtx(c), input: c.req.valid('query') });
			const day = new Date().toISOString().slice(0, 10);
			return c.body(result.csv, 200, {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="ordo-audit-${day}.csv"`,
				'x-ordo-export-rows': String(result.rows),
				'x-ordo-export-truncated': String(result.truncated),
				...(result.anchor ? { 'x-ordo-audit-anchor': result.anchor } : {})
			});
		}
	)
	.get(
		'/retention',
		permit('settings.manage'),
		doc({ summary: 'How long audit entries are kept, in months', tags, response: Retention }),
		async (c) => c.json(await getRetention({ ctx: getCtx(c) }))
	)
	.put(
		'/retention',
		// Shortening what the log keeps, or purging it, needs a recent proof of identity.
		permit('settings.manage', { stepUp: true }),
		doc({
			summary: 'Change how long audit entries are kept (12+ months)',
			tags,
			response: Retention
		}),
		input('json', SetRetention),
		async (c) => c.json(await setRetention({ ctx: getCtx(c), input: c.req.valid('json') }))
	)
	.post(
		'/purge',
		permit('settings.manage', { stepUp: true }),
		doc({
			summary: 'Remove entries older than the retention, keeping the chain verifiable',
			tags,
			response: Purged
		}),
		async (c) => c.json(await purgeAudit({ ctx: getCtx(c) }))
	);
