/**
 * The demo policy a new shop starts with (a manager edits it in settings): 30 days, shoes
 * back unworn, apparel 45 days, clearance final sale, 10% restocking fee on opened items,
 * a holiday extension every year, keep-the-item below 5.00. Parsed through the schema at
 * load, so a mistake here fails the first test that imports it rather than a customer.
 */
import * as v from 'valibot';
import { ReturnPolicy } from './document';

const everyOutcome = ['refund', 'store_credit', 'exchange', 'keep_item'] as const;
const shipping = {
	default: 'customer' as const,
	byReason: { wrong_item: 'shop' as const, not_as_described: 'shop' as const }
};

export const DEFAULT_RETURN_POLICY: ReturnPolicy = v.parse(ReturnPolicy, {
	name: 'Standard returns',
	refundShippingOnFullReturn: false,
	holidayExtensions: [
		// ISO month-days: applies every season without editing.
		{ label: 'Holiday gifts', placedFrom: '--11-15', placedTo: '--12-24', returnBy: '--01-31' }
	],
	rules: [
		{
			label: 'Standard',
			windowDays: 30,
			acceptedConditions: ['new', 'opened'],
			restockingFee: { kind: 'percent', value: 10, conditions: ['opened'] },
			returnShipping: shipping,
			allowedOutcomes: [...everyOutcome],
			// Credit and exchanges go out on receipt scan; money waits for a person's look.
			waitForInspection: { refund: true, store_credit: false, exchange: false },
			keepItemBelowMinor: 500,
			gradeRefundPercent: { damaged: 50 }
		},
		{
			label: 'Footwear',
			scope: { category: 'Footwear' },
			windowDays: 30,
			acceptedConditions: ['new'],
			returnShipping: shipping,
			allowedOutcomes: [...everyOutcome],
			waitForInspection: { refund: true, store_credit: true, exchange: false },
			keepItemBelowMinor: 500,
			// Worn shoes cannot be sold as new; tried-on ones lose a fifth.
			gradeRefundPercent: { opened: 80 }
		},
		{
			label: 'Apparel',
			scope: { category: 'Apparel' },
			windowDays: 45,
			acceptedConditions: ['new', 'opened'],
			returnShipping: shipping,
			allowedOutcomes: [...everyOutcome],
			waitForInspection: { refund: true, store_credit: false, exchange: false },
			keepItemBelowMinor: 500
		},
		{
			label: 'Clearance',
			scope: { category: 'Clearance' },
			windowDays: 0,
			finalSale: true,
			acceptedConditions: ['new'],
			returnShipping: shipping,
			// Still reachable: a faulty clearance item is a claim, and the law may apply.
			allowedOutcomes: ['refund', 'store_credit', 'exchange'],
			waitForInspection: { refund: true }
		}
	]
});
