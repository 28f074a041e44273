import type { InferResponseType } from 'hono/client';
import { client } from '../api';
import { request } from '../request';
import type { LastKnown } from './last-known';
import { offlineGeneration, readOne, removeOne, writeAll } from './offline-store';

// The open count tasks at this device's location, kept for counting with no signal (issue
// 10's last-known data, issue 8's counts): each task with what to count (SKU, barcode,
// name, bin, and the system quantity unless blind), as the count screen needs to record
// lines into the outbox. Stock facts only, nothing personal beyond the assignee's name the
// list shows. In the same store as the catalogue snapshot, so sign-out clears it with it.

export type OpenCount = InferResponseType<typeof client.counts.tasks.$get, 200>['items'][number];
export type OpenCountDetail = InferResponseType<(typeof client.counts.tasks)[':id']['$get'], 200>;

type SavedList = { name: 'counts-open'; locationId: string; items: OpenCount[]; asOf: string };
type SavedTask = { name: string; task: OpenCountDetail; asOf: string };

// A warehouse has a handful of open counts; more than this and the oldest wait for a signal.
const MAX_TASKS = 20;
const taskKey = (id: string) => `count-task:${id}`;

/**
 * Reads the open counts for this person at `locationId` (theirs and unassigned ones), each
 * with its lines, and keeps them; drops the tasks no longer open. Throws if offline.
 */
export async function refreshOpenCounts(locationId: string): Promise<number> {
	const since = offlineGeneration();
	const asOf = new Date().toISOString();
	const list = await request(
		client.counts.tasks.$get({ query: { mine: 'true', locationId, status: 'open' } })
	);
	const items = list.items.slice(0, MAX_TASKS);
	const details = await Promise.all(
		items.map((task) => request(client.counts.tasks[':id'].$get({ param: { id: task.id } })))
	);
	// Signed out while reading (the database deleted): opening it now would create it again.
	if (since !== offlineGeneration()) return 0;
	const previous = await readOne<SavedList>('lists', 'counts-open').catch(() => undefined);
	const saved: SavedList = { name: 'counts-open', locationId, items, asOf };
	const tasks: SavedTask[] = details.map((task) => ({ name: taskKey(task.id), task, asOf }));
	await writeAll('lists', [saved, ...tasks], { since });
	if (since !== offlineGeneration()) return 0;
	const open = new Set(items.map((task) => task.id));
	for (const gone of previous?.items ?? [])
		if (!open.has(gone.id)) await removeOne('lists', taskKey(gone.id));
	return items.length;
}

/** A count page read online: kept as read, so it opens offline even between refreshes. */
export async function rememberCount(task: OpenCountDetail): Promise<void> {
	if (task.status !== 'open') return;
	const saved: SavedTask = { name: taskKey(task.id), task, asOf: new Date().toISOString() };
	await writeAll('lists', [saved]).catch(() => undefined);
}

/** The open counts as last read online. */
export async function lastKnownOpenCounts(): Promise<LastKnown<OpenCount[]> | null> {
	const saved = await readOne<SavedList>('lists', 'counts-open').catch(() => undefined);
	return saved ? { value: saved.items, asOf: saved.asOf } : null;
}

/** One count task with its lines, as last read online. */
export async function lastKnownCount(id: string): Promise<LastKnown<OpenCountDetail> | null> {
	const saved = await readOne<SavedTask>('lists', taskKey(id)).catch(() => undefined);
	return saved ? { value: saved.task, asOf: saved.asOf } : null;
}
