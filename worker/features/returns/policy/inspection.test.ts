import { describe, expect, it } from 'vitest';
import { decideAfterInspection, decideReturnLine, type LineInput } from './decide';
import { DEFAULT_RETURN_POLICY } from './default-policy';
import { DAY } from './window';

const NOW = Date.UTC(2026, 5, 10, 12);
const line = (category: string, country = 'CA', deliveredDaysAgo = 20): LineInput => ({
	policy: DEFAULT_RETURN_POLICY,
	policyVersion: 1,
	line: { orderLine: 'l1', productId: 'p1', sku: 'S', name: 'Thing', category, quantity: 1, unitNetMinor: 3000 },
	order: { placedAt: NOW - 25 * DAY, shippedAt: NOW - 22 * DAY, deliveredAt: NOW - deliveredDaysAgo * DAY, lastDeliveredAt: null, country, shippingMinor: 0 },
	reason: { code: 'changed_mind' },
	now: NOW
}); // prettier-ignore

describe('decideAfterInspection', () => {
	it('an opened item pays the 10% fee the rule charges for opened, announced up front', () => {
		const before = decideReturnLine(line('Toys'));
		expect(before).toMatchObject({ feeMinor: 0, refundMinor: 3000 });
		expect(before.explanation).toContain(
			'A 10% restocking fee applies if the item comes back opened.'
		);
		const opened = decideAfterInspection(before, 'opened');
		expect(opened).toMatchObject({
			grade: 'opened',
			feeMinor: 300,
			refundMinor: 2700,
			eligible: true
		});
		expect(opened.explanation.at(-1)).toBe(
			'Graded opened, which Standard accepts: a 10% restocking fee of 3.00 applies.'
		);
		expect(decideAfterInspection(before, 'new')).toMatchObject({ feeMinor: 0, refundMinor: 3000 });
	});

	it("a grade outside the accepted ones refunds the rule's percentage, or is rejected", () => {
		const damaged = decideAfterInspection(decideReturnLine(line('Toys')), 'damaged');
		expect(damaged).toMatchObject({ refundMinor: 1500, feeMinor: 0 });
		expect(damaged.reasons).toContain('grade-partial');
		const shoes = decideReturnLine(line('Footwear'));
		expect(decideAfterInspection(shoes, 'opened').refundMinor).toBe(2400);
		const worn = decideAfterInspection(shoes, 'damaged');
		expect(worn).toMatchObject({ eligible: false, refundMinor: 0, outcomes: [] });
		expect(worn.explanation.at(-1)).toContain(
			'which Footwear does not accept: the return is rejected'
		);
	});

	it('an empty box refunds nothing; a defective grade refunds in full without a fee', () => {
		const before = decideReturnLine(line('Toys'));
		const empty = decideAfterInspection(before, 'empty_box');
		expect(empty).toMatchObject({ eligible: false, refundMinor: 0 });
		expect(empty.explanation.at(-1)).toContain('nothing is refunded');
		expect(decideAfterInspection(before, 'defective')).toMatchObject({
			refundMinor: 3000,
			feeMinor: 0
		});
	});

	it('within the legal period an opened item refunds in full and a damaged one is never rejected', () => {
		const eu = decideReturnLine(line('Footwear', 'DE', 5));
		expect(eu.decidedBy).toBe('law');
		expect(decideAfterInspection(eu, 'opened')).toMatchObject({ refundMinor: 3000, feeMinor: 0 });
		const damaged = decideAfterInspection(eu, 'damaged');
		expect(damaged).toMatchObject({ eligible: true, refundMinor: 3000 });
		expect(damaged.explanation.at(-1)).toContain('the shop may deduct only the loss in value');
	});

	it('decideReturnLine with a condition is the same as inspecting the decision', () => {
		const input = line('Toys');
		expect(decideReturnLine({ ...input, condition: 'opened' })).toEqual(
			decideAfterInspection(decideReturnLine(input), 'opened')
		);
	});
});
