import { Conflict } from '../../core/errors';

/** The screen's version against the snapshot's: a moved shipment is a 409 before any work. */
export function stale(sh: { version: number }, expected: number | undefined): void {
	if (expected !== undefined && expected !== sh.version)
		throw new Conflict(
			'shipment-changed',
			'This shipment changed since you loaded it',
			'Someone else changed this shipment a moment ago. Reload it, then try again.'
		);
}
