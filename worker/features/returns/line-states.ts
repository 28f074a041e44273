import type { ReturnLineStatus, ReturnStatus } from '../../../db/schema/returns';
import { Conflict } from '../../core/errors';

// A return line's lifecycle, one table (issue 11). Everything that moves a line asks
// `lineTransition()` first (the decide half of decide-then-write): authorising, receiving,
// inspecting, resolving (money or replacement), rejecting, cancelling, expiring. The
// return's own status is never set by hand: `deriveReturnStatus()` computes it from its
// lines, and every batch that moves a line writes the derived status with it.
//
//   requested → authorised → received → inspected → resolved
//        ↘ rejected   ↘ cancelled / expired   ↘ rejected → returned_to_customer
//
// Some outcomes do not wait for the goods: keep-the-item, a claim, an instant exchange, or
// a policy whose outcome does not wait for receipt resolve straight from 'authorised'.
export const LINE_TRANSITIONS: Readonly<Record<ReturnLineStatus, readonly ReturnLineStatus[]>> = {
	requested: ['authorised', 'rejected', 'cancelled'],
	authorised: ['received', 'resolved', 'cancelled', 'expired', 'rejected'],
	// Received units wait in quarantine for inspection; a line can be resolved on receipt
	// when the policy does not wait for inspection.
	received: ['inspected', 'resolved', 'rejected'],
	inspected: ['resolved', 'rejected'],
	resolved: [],
	// A rejected item that came in is sent back to the customer.
	rejected: ['returned_to_customer'],
	cancelled: [],
	// A parcel that arrives after the return expired is still received (never dropped).
	expired: ['received'],
	returned_to_customer: []
};

const LINE_LABEL: Record<ReturnLineStatus, string> = {
	requested: 'requested',
	authorised: 'authorised',
	received: 'received',
	inspected: 'inspected',
	resolved: 'resolved',
	rejected: 'rejected',
	cancelled: 'cancelled',
	expired: 'expired',
	returned_to_customer: 'returned to the customer'
};

export const lineStatusLabel = (status: ReturnLineStatus) => LINE_LABEL[status];

export function canLineTransition(from: ReturnLineStatus, to: ReturnLineStatus): boolean {
	return LINE_TRANSITIONS[from].includes(to);
}

/**
 * Refuses a move the table does not allow with a 409 naming what the line can do instead.
 * `line` is the number a person reads ("Line 2"); `hint` adds a sentence about the action.
 */
export function lineTransition(
	line: number,
	from: ReturnLineStatus,
	to: ReturnLineStatus,
	hint?: string
): ReturnLineStatus {
	if (canLineTransition(from, to)) return to;
	const allowed = LINE_TRANSITIONS[from];
	const detail =
		allowed.length === 0
			? `Nothing more can happen to a line that is ${LINE_LABEL[from]}.`
			: `From ${LINE_LABEL[from]} it can become: ${allowed.map((s) => LINE_LABEL[s]).join(', ')}.`;
	throw new Conflict(
		'illegal-return-line-transition',
		`Line ${line} is ${LINE_LABEL[from]} and cannot become ${LINE_LABEL[to]}`,
		hint ? `${detail} ${hint}` : detail,
		{ [`lines.${line}.status`]: [`Allowed from ${from}: ${allowed.join(', ') || 'none'}`] }
	);
}

/** Lines that no longer count against what was shipped (nothing is taken back). */
export const RELEASED: ReadonlySet<ReturnLineStatus> = new Set([
	'cancelled',
	'rejected',
	'expired'
]);

/** Lines that are finished: nothing more will happen to them. */
export const FINAL: ReadonlySet<ReturnLineStatus> = new Set([
	'resolved',
	'cancelled',
	'expired',
	'returned_to_customer'
]);

/**
 * The return's status from its lines' states (and whether it is held for review).
 * Live lines (not cancelled, expired or rejected) decide: all received → received; some →
 * partially_received; all resolved → resolved. With no live line left, the return is
 * what they ended as (rejected wins over expired over cancelled: the most informative).
 */
export function deriveReturnStatus(
	lines: readonly { status: ReturnLineStatus; quantity: number; quantityReceived: number }[],
	held = false
): ReturnStatus {
	if (held) return 'held';
	const live = lines.filter((l) => !RELEASED.has(l.status) && l.status !== 'returned_to_customer');
	if (live.length === 0) {
		if (lines.some((l) => l.status === 'rejected' || l.status === 'returned_to_customer'))
			return 'rejected';
		if (lines.some((l) => l.status === 'expired')) return 'expired';
		return 'cancelled';
	}
	if (live.every((l) => l.status === 'resolved')) return 'resolved';
	if (live.every((l) => l.status === 'requested')) return 'requested';
	const received = live.filter((l) => l.quantityReceived > 0);
	if (live.every((l) => l.status === 'inspected' || l.status === 'resolved')) return 'inspected';
	if (received.length === 0)
		return live.some((l) => l.status === 'requested') ? 'requested' : 'authorised';
	const allIn = live.every(
		(l) => l.status === 'resolved' || l.quantityReceived >= l.quantity || l.status === 'inspected'
	);
	return allIn ? 'received' : 'partially_received';
}
