import type { InferResponseType } from 'hono/client';
import { client } from '../api';
import { request } from '../request';
import { offlineGeneration, readOne, writeAll } from './offline-store';
import type { LastKnown } from './last-known';

// Returns on their way in, kept for receiving with no signal (issue 10's last-known data,
// issue 11's receiving): return numbers with their lines' SKUs, barcodes, names and
// quantities. Nothing about the customer. Beside the catalogue snapshot in the same
// store, so sign-out clears it with the rest.

export type ExpectedReturns = InferResponseType<
	(typeof client.returns.receiving.expected)['$get'],
	200
>;
export type ExpectedReturn = ExpectedReturns['items'][number];
type Saved = { name: 'returns-expected'; items: ExpectedReturn[]; asOf: string };

/** Reads the returns expected now and keeps them; the fresh list, or null offline. */
export async function refreshExpectedReturns(): Promise<LastKnown<ExpectedReturn[]> | null> {
	// A sign-out while the list was on its way must not bring the deleted copy back.
	const since = offlineGeneration();
	try {
		const page = await request(client.returns.receiving.expected.$get({ query: {} }));
		const saved: Saved = { name: 'returns-expected', items: page.items, asOf: page.asOf };
		await writeAll('lists', [saved], { since }).catch(() => undefined);
		return { value: page.items, asOf: page.asOf };
	} catch {
		return null;
	}
}

/** The returns expected as last read online. */
export async function lastKnownExpectedReturns(): Promise<LastKnown<ExpectedReturn[]> | null> {
	const saved = await readOne<Saved>('lists', 'returns-expected').catch(() => undefined);
	return saved ? { value: saved.items, asOf: saved.asOf } : null;
}
