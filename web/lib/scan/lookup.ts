import type { InferResponseType } from 'hono/client';
import { client } from '$lib/api';
import { withReauth } from '$lib/auth/gate.svelte';
import { request } from '$lib/request';

export type ScanResult = InferResponseType<(typeof client.scan)[':code']['$get'], 200>;
export type ScanMatch = ScanResult['matches'][number];

/** What a code names, in one request (GET /api/scan/:code). */
export function lookupCode(code: string): Promise<ScanResult> {
	return withReauth(() => request(client.scan[':code'].$get({ param: { code } })));
}

/** One line a worker reads: what the code named. */
export function describeMatch(match: ScanMatch): string {
	switch (match.kind) {
		case 'product':
			return `${match.name} (${match.sku})`;
		case 'order':
			return `Order ${match.number}`;
		case 'return':
			return `Return ${match.number} found (order ${match.orderNumber})`;
		case 'bin':
			return `Bin ${match.label}: ${match.items.length} ${match.items.length === 1 ? 'product' : 'products'}`;
	}
}

export function unknownMessage(code: string): string {
	return `Unknown code ${code}: no product, order, return or bin has it`;
}
