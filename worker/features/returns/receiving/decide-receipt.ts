import type { ReturnLineStatus } from '../../../../db/schema/returns';
import { lineTransition } from '../line-states';

export type SnapshotLine = {
	line: number;
	status: ReturnLineStatus;
	productId: string | null;
	quantity: number;
	quantityReceived: number;
	locationId: string | null;
};

export type ReceiptDecision = {
	/** The line the scan names (also for an over-quantity scan), or null. */
	line: number | null;
	/** Units that count against the line (≤ its room); the rest wait unexpected. */
	onLine: number;
	expected: boolean;
	flag: string | null;
	/** The line's new status when it moves (authorised/expired → received). */
	moveTo: ReturnLineStatus | null;
};

// Lines a parcel can be received against: authorised, part-received, or expired (a late
// parcel is still received, never dropped).
const RECEIVABLE: ReadonlySet<ReturnLineStatus> = new Set(['authorised', 'received', 'expired']);

/**
 * Which return line a scanned item is, in words when it is none. Pure: the snapshot in,
 * the decision out. Nothing is refused here: an unknown code, an item not on the return,
 * one from another order or one over the authorised quantity is kept and flagged.
 */
export function decideReceipt({
	returnNumber,
	orderNumber,
	code,
	product,
	onOrder,
	quantity,
	lines
}: {
	returnNumber: string;
	orderNumber: string | null;
	code: string;
	product: { id: string; name: string } | null;
	/** Whether the product is on the return's order. */
	onOrder: boolean;
	quantity: number;
	lines: readonly SnapshotLine[];
}): ReceiptDecision {
	const none = (flag: string): ReceiptDecision => ({
		line: null,
		onLine: 0,
		expected: false,
		flag,
		moveTo: null
	});
	if (!product) return none(`Unknown code on ${returnNumber}: ${code} (no product has it)`);
	const item = `${code} (${product.name})`;
	const mine = lines.filter((l) => l.productId === product.id);
	if (mine.length === 0)
		return none(
			onOrder || !orderNumber
				? `Not on ${returnNumber}: ${item}`
				: `Not on ${returnNumber} and not from ${orderNumber}: ${item}`
		);
	const open = mine.find((l) => RECEIVABLE.has(l.status) && l.quantityReceived < l.quantity);
	if (open) {
		const onLine = Math.min(quantity, open.quantity - open.quantityReceived);
		const moveTo =
			open.status === 'received' ? null : lineTransition(open.line, open.status, 'received');
		const over = quantity - onLine;
		return {
			line: open.line,
			onLine,
			expected: true,
			flag: over > 0 ? overWords(open, open.quantityReceived + quantity) : null,
			moveTo
		};
	}
	const taken = mine.find((l) => l.quantityReceived > 0) ?? mine[0]!;
	if (taken.quantityReceived > 0 || RECEIVABLE.has(taken.status))
		return {
			line: taken.line,
			onLine: 0,
			expected: false,
			flag: overWords(taken, taken.quantityReceived + quantity),
			moveTo: null
		};
	return {
		...none(`Line ${taken.line} of ${returnNumber} is ${taken.status}, not authorised: ${item}`),
		line: taken.line
	};
}

function overWords(line: SnapshotLine, received: number): string {
	return `Line ${line.line}: ${received} received, ${line.quantity} authorised`;
}
