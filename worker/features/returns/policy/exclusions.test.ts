import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decideAfterInspection, decideReturnLine, exclusionFor, type LineInput } from './decide';
import { parseReturnPolicy, ReturnPolicy } from './document';
import { DAY } from './window';

// The legal exclusions from the right of withdrawal (Directive 2011/83/EU art. 16): the shop
// marks products or categories; the law then does not require the return, and the shop's
// own rule decides (and may still allow it).
const NOW = Date.UTC(2026, 10, 29, 12, 0);
const daysAgo = (n: number) => NOW - n * DAY;

const policy = v.parse(ReturnPolicy, {
	name: 'Test',
	rules: [
		{ label: 'Standard', windowDays: 30, acceptedConditions: ['new', 'opened'], allowedOutcomes: ['refund'], restockingFee: { kind: 'percent', value: 10 } },
		{ label: 'Made to order', scope: { category: 'Custom' }, windowDays: 0, acceptedConditions: ['new'], allowedOutcomes: ['refund'] },
		{ label: 'Cosmetics', scope: { category: 'Cosmetics' }, windowDays: 3, acceptedConditions: ['new'], allowedOutcomes: ['refund'] }
	],
	legalExclusions: [
		{ kind: 'personalised', category: 'Custom' },
		{ kind: 'perishable', category: 'Flowers' },
		{ kind: 'sealed_hygiene', category: 'Cosmetics' },
		{ kind: 'sealed_media', productId: 'game-1' },
		{ kind: 'perishable', productId: 'kit-1' }
	]
}); // prettier-ignore

function input(over: {
	line?: Partial<LineInput['line']>;
	order?: Partial<LineInput['order']>;
	reason?: Partial<LineInput['reason']>;
}): LineInput {
	return {
		policy,
		policyVersion: 1,
		line: { orderLine: '1', productId: 'p1', sku: 'SKU-1', name: 'Thing', category: null, quantity: 1, unitNetMinor: 5000, ...over.line },
		order: { placedAt: daysAgo(12), shippedAt: daysAgo(11), deliveredAt: daysAgo(10), lastDeliveredAt: daysAgo(10), country: 'DE', shippingMinor: 0, ...over.order },
		reason: { code: 'changed_mind', ...over.reason },
		now: NOW
	}; // prettier-ignore
}
const decide = (over: Parameters<typeof input>[0] = {}) => decideReturnLine(input(over));

describe('which items the shop marked', () => {
	it('a product mark beats its category; categories match without regard to case', () => {
		expect(exclusionFor(policy, { productId: 'kit-1', category: 'Custom' })).toBe('perishable');
		expect(exclusionFor(policy, { productId: 'p1', category: 'custom' })).toBe('personalised');
		expect(exclusionFor(policy, { productId: 'p1', category: 'Shoes' })).toBeNull();
	});

	it('the policy document refuses an unknown kind and a mark that covers nothing, in words', () => {
		const doc = (e: unknown) => ({
			name: 'X',
			rules: [
				{ label: 'D', windowDays: 30, acceptedConditions: ['new'], allowedOutcomes: ['refund'] }
			],
			legalExclusions: [e]
		});
		expect(parseReturnPolicy(doc({ kind: 'vintage', category: 'A' }))).toEqual({
			ok: false,
			problems: [
				'Legal exclusion 1, kind: Unknown legal exclusion "vintage": use sealed_hygiene, personalised, perishable or sealed_media'
			]
		});
		expect(parseReturnPolicy(doc({ kind: 'perishable' }))).toEqual({
			ok: false,
			problems: ['Legal exclusion 1: Name the category or the product it covers']
		});
	});
});

describe('the law does not require a return (but the shop may allow it)', () => {
	it('personalised goods inside the EU period: the law steps back and the 0-day rule refuses', () => {
		const d = decide({ line: { category: 'Custom' } });
		expect(d.eligible).toBe(false);
		expect(d.decidedBy).toBe('policy');
		expect(d.reasons).toContain('law-excluded');
		expect(d.reasons).not.toContain('law-withdrawal');
		expect(d.legal).toMatchObject({
			within: true,
			exclusion: {
				kind: 'personalised',
				excluded: true,
				citation: 'Directive 2011/83/EU, art. 16(c)'
			}
		});
		expect(d.explanation).toContain(
			"The law does not require this return: the EU 14-day right of withdrawal does not cover goods made to the customer’s specifications or clearly personalised (Directive 2011/83/EU, art. 16(c)). The shop's rules decide."
		);
	});

	it('perishables the shop still takes back: eligible by the policy, with its fee (no legal waiver)', () => {
		const d = decide({ line: { category: 'Flowers' } });
		expect(d.eligible).toBe(true);
		expect(d.decidedBy).toBe('policy');
		expect(d.feeMinor).toBe(500);
		expect(d.terms.feeWaived).toBeNull();
		expect(d.explanation.join(' ')).toMatch(
			/liable to deteriorate or expire rapidly.*art\. 16\(d\)/
		);
	});

	it('a UK order cites the UK regulations', () => {
		const d = decide({ line: { category: 'Custom' }, order: { country: 'GB' } });
		expect(d.legal?.exclusion?.citation).toBe('Consumer Contracts Regulations 2013, reg. 28(1)(b)');
	});

	it('outside the legal market nothing changes: a US order is the policy’s anyway', () => {
		const d = decide({ line: { category: 'Flowers' }, order: { country: 'US' } });
		expect(d.legal).toBeNull();
		expect(d.reasons).not.toContain('law-excluded');
	});

	it('a faulty excluded item is still a claim: the exclusion is about withdrawal, not faults', () => {
		const d = decide({ line: { category: 'Custom' }, reason: { defective: true } });
		expect(d.eligible).toBe(true);
		expect(d.claim).toBe(true);
		expect(d.feeMinor).toBe(0);
	});
});

describe('sealed goods: the law holds while the seal does', () => {
	it('sealed cosmetics, seal intact as far as anyone knows: the law decides, and says what unsealing would do', () => {
		const d = decide({ line: { category: 'Cosmetics' } });
		expect(d.eligible).toBe(true);
		expect(d.decidedBy).toBe('law');
		expect(d.reasons).toEqual(expect.arrayContaining(['law-withdrawal', 'law-if-sealed']));
		expect(d.legal?.exclusion).toMatchObject({ kind: 'sealed_hygiene', excluded: false });
		expect(d.terms.sealed).toMatchObject({ kind: 'sealed_hygiene', policyAllows: false });
	});

	it('the customer says it was unsealed: the law does not require it, the 3-day rule refuses', () => {
		const d = decide({ line: { category: 'Cosmetics' }, reason: { unsealed: true } });
		expect(d.eligible).toBe(false);
		expect(d.decidedBy).toBe('policy');
		expect(d.explanation.join(' ')).toMatch(
			/does not cover sealed goods not suitable for return for health protection or hygiene reasons, unsealed after delivery \(Directive 2011\/83\/EU, art\. 16\(e\)\)/
		);
	});

	it('inspection grades it new: still sealed, the law’s full refund stands', () => {
		const d = decideAfterInspection(decide({ line: { category: 'Cosmetics' } }), 'new');
		expect(d).toMatchObject({ eligible: true, refundMinor: 5000, decidedBy: 'law' });
	});

	it('inspection grades it opened: unsealed, the rule (new only, 3 days) rejects it, in words', () => {
		const d = decideAfterInspection(decide({ line: { category: 'Cosmetics' } }), 'opened');
		expect(d).toMatchObject({ eligible: false, refundMinor: 0, decidedBy: 'policy' });
		expect(d.reasons).toContain('law-excluded');
		expect(d.explanation.at(-2)).toMatch(
			/^Graded opened: the seal is broken\. The law does not require/
		);
	});

	it('opened sealed software the policy allows: refunded by the rule, with its fee', () => {
		const d = decideAfterInspection(decide({ line: { productId: 'game-1' } }), 'opened');
		expect(d).toMatchObject({
			eligible: true,
			decidedBy: 'policy',
			feeMinor: 500,
			refundMinor: 4500
		});
		expect(d.explanation.join(' ')).toMatch(
			/sealed audio or video recordings or computer software.*art\. 16\(i\)/
		);
	});

	it('a defective unsealed item is refunded in full: faults are not withdrawal', () => {
		const d = decideAfterInspection(decide({ line: { category: 'Cosmetics' } }), 'defective');
		expect(d).toMatchObject({ eligible: true, refundMinor: 5000 });
	});

	it('a regrade starts from the law’s decision again: opened, then new', () => {
		const opened = decideAfterInspection(decide({ line: { category: 'Cosmetics' } }), 'opened');
		const regraded = decideAfterInspection(opened, 'new');
		expect(regraded).toMatchObject({ eligible: true, decidedBy: 'law', refundMinor: 5000 });
		expect(regraded.reasons).not.toContain('law-excluded');
	});
});
