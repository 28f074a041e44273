import type { OrderStatus } from '../../../db/schema/orders';
import { Conflict, Invalid } from '../../core/errors';
import { sourcesOf, transition, transitionOrStay } from '../orders/lifecycle';

// Decide, then write (DESIGN §3): these pure rules read a snapshot (internal.ts loads it)
// and say what a request means; the verbs then write one batch whose preconditions fail
// it (409) when the snapshot moved. Unit tests beside this file.

export type SnapshotLine = {
	line: number;
	productId: string | null;
	locationId: string | null;
	sku: string;
	name: string;
	barcode: string | null;
	quantity: number;
	quantityShipped: number;
};
export type SnapshotShipmentLine = { line: number; quantity: number; pickedQuantity: number };
export type SnapshotShipment = {
	id: string;
	locationId: string;
	status: 'picking' | 'packed' | 'shipped' | 'delivered';
	version: number;
	lines: SnapshotShipmentLine[];
};
export type OrderSnapshot = {
	order: {
		id: string;
		number: string;
		status: OrderStatus;
		version: number;
		customerId: string | null;
	};
	lines: SnapshotLine[];
	shipments: SnapshotShipment[];
};

const OPEN = new Set(['picking', 'packed']);

/** Units of each product line at a location that no shipment holds yet. */
export function outstanding(s: OrderSnapshot, locationId: string): Map<number, number> {
	const held = new Map<number, number>();
	for (const sh of s.shipments.filter((x) => OPEN.has(x.status)))
		for (const l of sh.lines) held.set(l.line, (held.get(l.line) ?? 0) + l.quantity);
	const out = new Map<number, number>();
	for (const l of s.lines) {
		if (l.locationId !== locationId || !l.productId) continue;
		const left = l.quantity - l.quantityShipped - (held.get(l.line) ?? 0);
		if (left > 0) out.set(l.line, left);
	}
	return out;
}

export function decideStartPicking(
	s: OrderSnapshot,
	locationId: string,
	requested?: { line: number; quantity: number }[]
): { line: number; quantity: number }[] {
	// The order lifecycle's one table decides (a second parcel keeps it picking).
	transitionOrStay(
		s.order.status,
		'picking',
		`Picking starts from ${[...sourcesOf('picking'), 'picking'].join(', ')}.`
	);
	const open = outstanding(s, locationId);
	if (open.size === 0)
		throw new Conflict(
			'nothing-to-pick',
			`Nothing of ${s.order.number} is left to pick here`,
			'Every unit of this order at this location is shipped or already in a shipment.'
		);
	if (!requested) return [...open].map(([line, quantity]) => ({ line, quantity }));
	return requested.map((r) => {
		const left = open.get(r.line) ?? 0;
		if (r.quantity > left)
			throw new Conflict(
				'over-picked',
				`Line ${r.line} has ${left} unit${left === 1 ? '' : 's'} left to pick here`,
				`Asked for ${r.quantity}.`
			);
		return r;
	});
}

export type ScannedProduct = { sku: string; name: string } | null;
export type ScanMeaning =
	| { kind: 'pick'; line: number }
	| { kind: 'done'; line: number; sku: string }
	| {
			kind: 'wrong';
			scanned: ScannedProduct;
			expected: { sku: string; name: string; left: number }[];
	  };

/**
 * What a scanned code means for a shipment being picked: a line still short of that item,
 * an item that is complete already (over-pick), or a wrong item (the phone buzzes and
 * names what was scanned and what is expected).
 */
export function interpretScan(
	code: string,
	lines: (SnapshotShipmentLine & { sku: string; name: string; barcode: string | null })[],
	quantity = 1
): ScanMeaning {
	const upper = code.trim().toUpperCase();
	const matching = lines.filter((l) => l.barcode === code.trim() || l.sku === upper);
	const open = matching.find((l) => l.quantity - l.pickedQuantity >= quantity);
	if (open) return { kind: 'pick', line: open.line };
	if (matching.length > 0) return { kind: 'done', line: matching[0]!.line, sku: matching[0]!.sku };
	return {
		kind: 'wrong',
		scanned: null,
		expected: lines
			.filter((l) => l.pickedQuantity < l.quantity)
			.map((l) => ({ sku: l.sku, name: l.name, left: l.quantity - l.pickedQuantity }))
	};
}

export function wrongItemError(code: string, m: Extract<ScanMeaning, { kind: 'wrong' }>) {
	const scanned = m.scanned
		? `${m.scanned.name} (${m.scanned.sku})`
		: `“${code}”, which is no product`;
	const expected = m.expected.map((e) => `${e.name} (${e.sku}) ×${e.left}`);
	return new Invalid(
		'wrong-item',
		`Wrong item: scanned ${scanned}`,
		expected.length > 0
			? `This shipment expects ${expected.join(', ')}.`
			: 'Everything in this shipment is picked already.',
		{ scanned: [scanned], expected: expected.length > 0 ? expected : ['nothing more'] }
	);
}

function illegalShipment(sh: SnapshotShipment, action: string, allowed: string) {
	return new Conflict(
		'illegal-transition',
		`This shipment is ${sh.status}: it cannot be ${action}`,
		`Only a shipment that is ${allowed} can be ${action}.`
	);
}

/** Which lines go in the parcel: all picked, or (partial) what is picked so far. */
export function decidePack(
	sh: SnapshotShipment,
	partial: boolean
): { keep: SnapshotShipmentLine[]; drop: number[] } {
	if (sh.status !== 'picking') throw illegalShipment(sh, 'packed', 'picking');
	const short = sh.lines.filter((l) => l.pickedQuantity < l.quantity);
	const picked = sh.lines.reduce((n, l) => n + l.pickedQuantity, 0);
	if (picked === 0)
		throw new Conflict('nothing-picked', 'Nothing is picked yet', 'Scan the items before packing.');
	if (short.length > 0 && !partial) {
		const left = short.reduce((n, l) => n + l.quantity - l.pickedQuantity, 0);
		throw new Conflict(
			'not-all-picked',
			`${left} unit${left === 1 ? '' : 's'} still to pick`,
			'Pick them, or pack what is picked as a partial shipment and leave the rest for later.'
		);
	}
	return {
		keep: sh.lines.filter((l) => l.pickedQuantity > 0),
		drop: sh.lines.filter((l) => l.pickedQuantity === 0).map((l) => l.line)
	};
}

export function decideShip(sh: SnapshotShipment): SnapshotShipmentLine[] {
	if (sh.status !== 'packed') throw illegalShipment(sh, 'shipped', 'packed');
	return sh.lines;
}

/**
 * The order's lifecycle status once its shipments look like `s`: shipped when every
 * product unit left; picking while a parcel is being picked; allocated when units are
 * still to pick (back on the pick list); packed when only packed parcels wait.
 */
export function orderStatusAfter(s: OrderSnapshot): {
	status: 'shipped' | 'picking' | 'allocated' | 'packed';
	fulfilment: 'unfulfilled' | 'partial' | 'fulfilled';
} {
	const product = s.lines.filter((l) => l.productId);
	const shippedUnits = product.reduce((n, l) => n + l.quantityShipped, 0);
	const all = product.every((l) => l.quantityShipped >= l.quantity);
	const fulfilment = all ? 'fulfilled' : shippedUnits > 0 ? 'partial' : 'unfulfilled';
	if (all) return { status: 'shipped', fulfilment };
	if (s.shipments.some((x) => x.status === 'picking')) return { status: 'picking', fulfilment };
	const locations = new Set(product.map((l) => l.locationId).filter((x) => x !== null));
	const unassigned = [...locations].some((loc) => outstanding(s, loc).size > 0);
	if (unassigned) return { status: 'allocated', fulfilment };
	return { status: 'packed', fulfilment };
}

/**
 * The order's move after a pack or ship, asked of the lifecycle table: a held or cancelled
 * order with a parcel still open is refused (409 naming what it may become) rather than
 * silently moved on.
 */
export function decideOrderMove(s: OrderSnapshot): ReturnType<typeof orderStatusAfter> & {
	from: OrderStatus;
} {
	const after = orderStatusAfter(s);
	transitionOrStay(s.order.status, after.status);
	return { ...after, from: s.order.status };
}

/**
 * A parcel the carrier (or a rep, told by the customer) reports delivered. The order
 * becomes delivered when it is shipped in full and this was its last parcel still on the
 * way; a partial order stays where it is (its other units are not delivered).
 */
export function decideDeliver(s: OrderSnapshot, sh: SnapshotShipment): OrderStatus | null {
	if (sh.status !== 'shipped') throw illegalShipment(sh, 'marked delivered', 'shipped');
	const othersDone = s.shipments.every((x) => x.id === sh.id || x.status === 'delivered');
	if (s.order.status !== 'shipped' || !othersDone) return null;
	return transition(s.order.status, 'delivered');
}
