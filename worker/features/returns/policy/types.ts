/**
 * The engine's input and output shapes, shared by decide.ts, inspection.ts and
 * decide-return.ts (import them from decide.ts).
 */
import type { ReturnCondition, ReturnOutcome, ReturnPolicy } from './document';
import type { LegalExclusionKind } from './exclusions';
import type { RestockingFee } from './fee';
import type { Window } from './window';

/** Epoch ms or an ISO time, as the database stores it. */
export type Instant = number | string;

export type LineInput = {
	policy: ReturnPolicy;
	policyVersion: number;
	line: {
		orderLine: string;
		productId: string;
		sku: string;
		name: string;
		category: string | null;
		/** Units asked for (the database limits it to shipped minus requested or returned). */
		quantity: number;
		/** Net paid per unit after discounts, tax included as the order stores it. */
		unitNetMinor: number;
		finalSale?: boolean;
	};
	order: {
		placedAt: Instant;
		shippedAt: Instant | null;
		deliveredAt: Instant | null;
		/** Delivery of the order's last parcel: where the legal period starts. */
		lastDeliveredAt: Instant | null;
		country: string | null;
		/** Not used per line: decideReturn decides the shipping refund for the whole return. */
		shippingMinor: number;
	};
	reason: {
		code: string;
		defective?: boolean;
		damagedOnArrival?: boolean;
		shopFault?: boolean;
		/** The customer says the seal was broken after delivery (legal exclusions, exclusions.ts). */
		unsealed?: boolean;
	};
	/** The inspection grade, when re-deciding after inspection. */
	condition?: ReturnCondition;
	now: number;
};

export type DecisionReason =
	| 'invalid-quantity'
	| 'within-window'
	| 'outside-window'
	| 'counted-from-shipment'
	| 'counted-from-order'
	| 'holiday-extension'
	| 'final-sale'
	| 'defect-claim'
	| 'law-withdrawal'
	| 'law-period-over'
	| 'law-excluded'
	| 'law-if-sealed'
	| 'policy-would-refuse'
	| 'refund-required-by-law'
	| 'fee-charged'
	| 'fee-waived-faulty'
	| 'fee-waived-law'
	| 'fee-on-inspection'
	| 'keep-item'
	| 'grade-accepted'
	| 'grade-partial'
	| 'grade-rejected'
	| 'grade-defective'
	| 'no-fault-found'
	| 'empty-box';

export type LineDecision = {
	orderLine: string;
	productId: string;
	sku: string;
	quantity: number;
	policyVersion: number;
	eligible: boolean;
	/** 'law' whenever the line is within a legal withdrawal period (even when the policy would
	 *  allow it too: the return then needs no approval and carries no fee); 'none' when the
	 *  request itself is unusable (quantity below one); else 'policy'. */
	decidedBy: 'policy' | 'law' | 'none';
	/** Accepted only because the item is reported faulty (outside the rules otherwise). */
	claim: boolean;
	window: Window;
	/** `within` is the legal period by date; `exclusion` when the item is of a kind the law
	 *  exempts (exclusions.ts): `excluded` then means the law does not require the return. */
	legal: {
		name: string;
		deadline: number;
		within: boolean;
		citation: string;
		exclusion?: { kind: LegalExclusionKind; excluded: boolean; citation: string } | null;
	} | null;
	ruleLabel: string;
	lineNetMinor: number;
	feeMinor: number;
	refundMinor: number;
	customerPaysReturnShipping: boolean;
	outcomes: ReturnOutcome[];
	waitsForInspection: Partial<Record<ReturnOutcome, boolean>>;
	keepItemAllowed: boolean;
	grade: ReturnCondition | null;
	terms: {
		acceptedConditions: ReturnCondition[];
		restockingFee: RestockingFee | null;
		gradeRefundPercent: Record<string, number>;
		feeWaived: 'faulty' | 'law' | null;
		/** A sealed item the law covers only while sealed: what inspection applies if it is
		 *  not new (whether the shop's rule alone allows the return, and the words). */
		sealed?: { kind: LegalExclusionKind; policyAllows: boolean; text: string } | null;
		/** The decision as authorised, before any grade: a regrade starts again from it. */
		authorised: {
			eligible: boolean;
			outcomes: ReturnOutcome[];
			explained: number;
			reasoned: number;
		};
	};
	explanation: string[];
	reasons: DecisionReason[];
};
