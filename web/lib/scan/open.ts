import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { session } from '$lib/auth/session.svelte';
import { ApiProblem } from '$lib/problem';
import { describeMatch, lookupCode, unknownMessage, type ScanMatch } from './lookup';
import type { Scan, ScanOutcome } from './scanner.svelte';

/**
 * Where a match opens: the product, the order, a bin on /scan; a return label opens the
 * receiving bench for the warehouse (scan-to-receive) and the return itself for anyone else.
 */
export function hrefFor(match: ScanMatch, code: string): string {
	switch (match.kind) {
		case 'product':
			return resolve('/(app)/(inventory)/products/[id]', { id: match.id });
		case 'order':
			return resolve('/(app)/(orders)/orders/[id]', { id: match.id });
		case 'return':
			return session.can('returns.receive')
				? `${resolve('/(app)/(returns)/returns/receive')}?code=${encodeURIComponent(match.number)}`
				: resolve('/(app)/(returns)/returns/[id]', { id: match.id });
		case 'bin':
			return `${resolve('/(app)/(scan)/scan')}?code=${encodeURIComponent(code)}`;
	}
}

/** The default meaning of a scan: look the code up and open what it names. */
export async function openScanned(scan: Scan): Promise<ScanOutcome> {
	let match: ScanMatch | undefined;
	try {
		match = (await lookupCode(scan.code)).matches[0];
	} catch (error) {
		if (!(error instanceof ApiProblem)) throw error;
		return { tone: 'wrong', message: `${scan.code}: ${error.problem.title}` };
	}
	if (!match) return { tone: 'wrong', message: unknownMessage(scan.code) };
	// hrefFor builds every path with resolve().
	// eslint-disable-next-line svelte/no-navigation-without-resolve
	await goto(hrefFor(match, scan.code));
	return { tone: 'ok', message: `Opened ${describeMatch(match)}` };
}
