import type { Db } from '../../db/client';
import { countLines, countTasks } from '../../db/schema/counts';

export type CountFixtures = {
	/** An open task that takes count lines. */
	taskId: string;
	/** Tasks to close, one per call (closing a closed task is a 409). */
	toClose: string[];
	/** Lines waiting for a manager, for the approve and the recount examples. */
	toApprove: string[];
	toRecount: string[];
};

/** Count tasks and waiting lines written straight to the database, the way submitting writes them. */
export async function createCountFixtures(
	db: Db,
	{ productId, locationId, pool }: { productId: string; locationId: string; pool: number }
): Promise<CountFixtures> {
	const now = Date.now();
	const task = (id = crypto.randomUUID()) => ({ id, locationId, createdAt: now, updatedAt: now });
	const taskId = crypto.randomUUID();
	const toClose = Array.from({ length: pool }, () => crypto.randomUUID());
	await db.insert(countTasks).values([task(taskId), ...toClose.map((id) => task(id))]);
	const waiting = (id: string) => ({
		id,
		taskId,
		productId,
		locationId,
		counted: 10_000,
		countedAt: now,
		deviceTime: now,
		expected: 10_000,
		varianceUnits: 0,
		varianceValueMinor: 0,
		deviceId: 'route-check',
		status: 'awaiting_approval' as const,
		createdAt: now,
		updatedAt: now
	});
	const toApprove = Array.from({ length: pool }, () => crypto.randomUUID());
	const toRecount = Array.from({ length: pool }, () => crypto.randomUUID());
	await db.insert(countLines).values([...toApprove, ...toRecount].map(waiting));
	return { taskId, toClose, toApprove, toRecount };
}
