import { sql, type SQL } from 'drizzle-orm';
import { NotFound } from '../../../core/errors';

const iso = (column: string): SQL =>
	sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.raw(column)} / 1000.0, 'unixepoch')`;

export const returnNotFound = (id: string) =>
	new NotFound('return-not-found', 'No such return', `No return has id ${id}.`);

/** The Evidence JSON (schemas.ts) of a row of `return_evidence e`. */
export function evidenceJson(): SQL {
	return sql`json_object('id', e.id, 'returnId', e.return_id, 'unitId', e.unit_id,
		'contentType', e.content_type, 'bytes', e.bytes,
		'createdBy', (SELECT name FROM users WHERE id = e.created_by_id),
		'createdAt', ${iso('e.created_at')},
		'url', '/api/returns/' || e.return_id || '/evidence/' || e.id)`;
}

/** One photo's Evidence JSON, for a mutation's result. */
export function evidenceById(id: string): SQL {
	return sql`SELECT ${evidenceJson()} FROM return_evidence e WHERE e.id = ${id}`;
}
