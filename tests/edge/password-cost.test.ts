import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { hashPassword, verifyPassword } from '../../worker/features/auth/password';

// What one scrypt hash costs inside workerd, printed beside the Node figure from
// global-setup. Reported, never asserted (DESIGN §8: tests do not assert on time).
// workerd's clocks stand still while JavaScript runs and move only across I/O
// (Spectre mitigation), so each measurement is bracketed by two awaited fetches
// to the Hrana server's /health, and a bracket with no work in it is subtracted.
const healthUrl = `${inject('edgeDatabases').shop}/health`;
const RUNS = 3;

async function ping(): Promise<void> {
	const res = await fetch(healthUrl);
	if (!res.ok) throw new Error(`hrana /health: ${res.status}`);
	await res.text();
}

async function bracketed(work: () => Promise<unknown>): Promise<number> {
	await ping();
	const start = Date.now();
	await work();
	await ping();
	return Date.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

describe('password hashing in workerd', () => {
	it('hashes and verifies with scrypt, and reports what one hash costs', async () => {
		const password = 'correct horse battery staple 42';
		const hash = await hashPassword(password); // also warms up the JIT
		expect(hash).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$/);
		expect(await verifyPassword(hash, password)).toBe(true);
		expect(await verifyPassword(hash, `${password}!`)).toBe(false);

		const withHash: number[] = [];
		const empty: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			withHash.push(await bracketed(() => hashPassword(password)));
			empty.push(await bracketed(async () => {}));
		}
		const workerdMs = Math.max(0, median(withHash) - median(empty));
		const nodeMs = inject('nodeHashMs');
		console.log(
			`hashPassword (scrypt ln=14 r=8 p=5): workerd ${workerdMs} ms ` +
				`(median of ${RUNS}, bracket ${median(empty)} ms subtracted), ` +
				`Node ${Math.round(nodeMs)} ms, ratio ${(workerdMs / nodeMs).toFixed(2)}`
		);
		// The clock did move across the bracket, so the figure above is a measurement.
		expect(median(withHash)).toBeGreaterThan(0);
	});
});
