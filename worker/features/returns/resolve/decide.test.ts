import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors';
import {
	decideResolution,
	lineRefundMinor,
	type LineSnapshot,
	type ResolveFacts,
	type ResolveRequest
} from './decide';

const line = (over: Partial<LineSnapshot> = {}): LineSnapshot => ({
	line: 1,
	status: 'inspected',
	quantity: 1,
	quantityReceived: 1,
	orderedQuantity: 2,
	orderLineNetMinor: 1800,
	refundMinor: 0,
	feeMinor: 0,
	decision: null,
	...over
});

const facts = (over: Partial<ResolveFacts> = {}): ResolveFacts => ({
	lines: [line()],
	payments: [{ paymentId: 'p1', capturedMinor: 5000, refundingMinor: 0, createdAt: 1 }],
	shippingRefundMinor: 0,
	shippingRefundedMinor: 0,
	goodwillApprovalMinor: 2000,
	canOverride: false,
	canRefund: true,
	...over
});

const refusal = (f: ResolveFacts, req: ResolveRequest) => {
	try {
		decideResolution(f, req);
	} catch (e) {
		if (e instanceof DomainError) return `${e.status} ${e.code}`;
		throw e;
	}
	throw new Error('resolved');
};

describe('resolving a return: amounts', () => {
	it('refunds the stored refund, else the share of the net paid minus the fee', () => {
		expect(lineRefundMinor(line({ refundMinor: 700 }))).toBe(700);
		expect(lineRefundMinor(line())).toBe(900);
		expect(lineRefundMinor(line({ feeMinor: 100 }))).toBe(800);
		const r = decideResolution(facts(), { lines: [{ line: 1, outcome: 'refund' }] });
		expect(r.refunds).toEqual([{ paymentId: 'p1', amountMinor: 900, cause: 1, kind: 'return' }]);
		expect(r.refundMinor).toBe(900);
	});

	it('refunds split payments newest capture first, then the older one', () => {
		const f = facts({
			lines: [line({ refundMinor: 3000 })],
			payments: [
				{ paymentId: 'old', capturedMinor: 4000, refundingMinor: 0, createdAt: 1 },
				{ paymentId: 'new', capturedMinor: 2000, refundingMinor: 500, createdAt: 2 }
			]
		});
		const r = decideResolution(f, { lines: [{ line: 1, outcome: 'refund' }] });
		expect(r.refunds.map((x) => [x.paymentId, x.amountMinor])).toEqual([
			['new', 1500],
			['old', 1500]
		]);
	});

	it('never refunds more than captured minus refunded', () => {
		const f = facts({
			lines: [line({ refundMinor: 3000 })],
			payments: [{ paymentId: 'p1', capturedMinor: 3000, refundingMinor: 1000, createdAt: 1 }]
		});
		expect(refusal(f, { lines: [{ line: 1, outcome: 'refund' }] })).toBe(
			'409 refund-exceeds-captured'
		);
	});

	it('adds the shipping decided for the return once, with the first refund to a payment', () => {
		const f = facts({ shippingRefundMinor: 495 });
		const r = decideResolution(f, { lines: [{ line: 1, outcome: 'refund' }] });
		expect(r.shippingRefundMinor).toBe(495);
		expect(r.refunds.find((x) => x.cause === 'shipping')?.amountMinor).toBe(495);
		const again = decideResolution(
			facts({ shippingRefundMinor: 495, shippingRefundedMinor: 495 }),
			{
				lines: [{ line: 1, outcome: 'refund' }]
			}
		);
		expect(again.shippingRefundMinor).toBe(0);
		const credit = decideResolution(f, { lines: [{ line: 1, outcome: 'store_credit' }] });
		expect(credit.shippingRefundMinor).toBe(0);
		expect(credit.storeCreditMinor).toBe(900);
		expect(credit.refunds).toEqual([]);
	});
});

describe('resolving a return: when a line may resolve', () => {
	it('waits for inspection unless the decision says the outcome does not', () => {
		const received = line({ status: 'received' });
		expect(refusal(facts({ lines: [received] }), { lines: [{ line: 1, outcome: 'refund' }] })).toBe(
			'409 line-not-inspected'
		);
		const onReceipt = line({
			status: 'received',
			decision: {
				eligible: true,
				outcomes: ['refund', 'store_credit'],
				waitsForInspection: { store_credit: false }
			}
		});
		expect(
			decideResolution(facts({ lines: [onReceipt] }), {
				lines: [{ line: 1, outcome: 'store_credit' }]
			}).storeCreditMinor
		).toBe(900);
		const notIn = line({
			status: 'authorised',
			quantityReceived: 0,
			decision: {
				eligible: true,
				outcomes: ['store_credit'],
				waitsForInspection: { store_credit: false }
			}
		});
		expect(
			refusal(facts({ lines: [notIn] }), { lines: [{ line: 1, outcome: 'store_credit' }] })
		).toBe('409 line-not-received');
	});

	it('lets a customer keep a cheap item from authorised, and refuses it above the threshold', () => {
		const cheap = line({
			status: 'authorised',
			quantityReceived: 0,
			decision: { eligible: true, outcomes: ['refund', 'keep_item'], keepItemAllowed: true }
		});
		const r = decideResolution(facts({ lines: [cheap] }), {
			lines: [{ line: 1, outcome: 'keep_item' }]
		});
		expect(r.lines[0]).toMatchObject({ from: 'authorised', outcome: 'keep_item', credit: false });
		expect(r.refundMinor).toBe(900);
		const asCredit = decideResolution(facts({ lines: [cheap] }), {
			lines: [{ line: 1, outcome: 'keep_item', as: 'store_credit' }]
		});
		expect(asCredit.storeCreditMinor).toBe(900);
		const dear = line({
			status: 'authorised',
			decision: { eligible: true, outcomes: ['refund'], keepItemAllowed: false }
		});
		expect(refusal(facts({ lines: [dear] }), { lines: [{ line: 1, outcome: 'keep_item' }] })).toBe(
			'409 keep-item-not-allowed'
		);
	});

	it('refuses an outcome the policy does not offer, an ineligible line, and a second resolve', () => {
		const creditOnly = line({ decision: { eligible: true, outcomes: ['store_credit'] } });
		expect(
			refusal(facts({ lines: [creditOnly] }), { lines: [{ line: 1, outcome: 'refund' }] })
		).toBe('409 outcome-not-allowed');
		const refused = line({ decision: { eligible: false, outcomes: [] } });
		expect(refusal(facts({ lines: [refused] }), { lines: [{ line: 1, outcome: 'refund' }] })).toBe(
			'409 line-not-eligible'
		);
		expect(
			refusal(facts({ lines: [line({ status: 'resolved' })] }), {
				lines: [{ line: 1, outcome: 'refund' }]
			})
		).toBe('409 illegal-return-line-transition');
		expect(refusal(facts(), { lines: [{ line: 9, outcome: 'refund' }] })).toBe(
			'404 return-line-not-found'
		);
	});
});

describe('resolving a return: goodwill', () => {
	it('lets a rep give goodwill up to the threshold and needs a manager above it', () => {
		const small = decideResolution(facts(), {
			lines: [],
			goodwill: { amountMinor: 2000, reason: 'late' }
		});
		expect(small.refunds).toEqual([
			{ paymentId: 'p1', amountMinor: 2000, cause: 'goodwill', kind: 'goodwill' }
		]);
		expect(small.goodwillNeedsApproval).toBe(false);
		expect(refusal(facts(), { lines: [], goodwill: { amountMinor: 2001, reason: 'late' } })).toBe(
			'403 goodwill-needs-manager'
		);
		const managed = decideResolution(facts({ canOverride: true }), {
			lines: [],
			goodwill: { amountMinor: 2500, reason: 'late' }
		});
		expect(managed.goodwillNeedsApproval).toBe(true);
	});

	it('refuses money to a payment for someone without payments.refund, but allows credit', () => {
		const f = facts({ canRefund: false });
		expect(refusal(f, { lines: [{ line: 1, outcome: 'refund' }] })).toBe(
			'403 refund-not-permitted'
		);
		expect(
			decideResolution(f, { lines: [{ line: 1, outcome: 'store_credit' }] }).storeCreditMinor
		).toBe(900);
		expect(refusal(f, { lines: [] })).toBe('422 nothing-to-resolve');
	});
});
