import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveredOrder } from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Legal exclusions (issue 11): a manager marks categories in the policy; a German order's
// engraved item inside the 14 days is then the shop's rule to decide, not the law's, and a
// sealed lipstick the customer says was opened likewise. The preview says so in words.
const DAY = 86_400_000;
let t: TestApi;
let rep: Session;
let manager: Session;
beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
	manager = await t.signIn('manager');
	const current = await (await t.request('/api/returns/policy', { session: rep })).json();
	const document = {
		...current.document,
		// The default's holiday extension would lengthen even a 0-day window this month.
		holidayExtensions: [],
		rules: [
			...current.document.rules,
			{ label: 'Engraved', scope: { category: 'Engraved' }, windowDays: 0, acceptedConditions: ['new'], allowedOutcomes: ['refund'] }
		],
		legalExclusions: [
			{ kind: 'personalised', category: 'Engraved' },
			{ kind: 'sealed_hygiene', category: 'Cosmetics' }
		]
	}; // prettier-ignore
	const saved = await t.request('/api/returns/policy', {
		method: 'PUT',
		session: manager,
		json: { document, version: current.version }
	});
	expect(saved.status, await saved.clone().text()).toBe(200);
});
afterAll(() => t.client.close());

async function preview(category: string, extra: Record<string, unknown> = {}) {
	const order = await createDeliveredOrder(t.db, {
		country: 'DE',
		placedAt: Date.now() - 6 * DAY,
		lines: [{ quantity: 1, category, name: `${category} item` }]
	});
	const res = await t.request('/api/returns/preview', {
		method: 'POST',
		session: rep,
		json: {
			lines: [
				{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'no_longer_needed', ...extra }
			]
		}
	});
	expect(res.status, await res.clone().text()).toBe(200);
	return (await res.json()).lines[0];
}

describe('legal exclusions in the preview (happy)', () => {
	it('an engraved item inside the EU period: the law does not require it, the rule refuses', async () => {
		const line = await preview('Engraved');
		expect(line).toMatchObject({ eligible: false, decidedBy: 'policy' });
		expect(line.explanation.join(' ')).toContain(
			'The law does not require this return: the EU 14-day right of withdrawal does not cover goods made to the customer’s specifications or clearly personalised (Directive 2011/83/EU, art. 16(c))'
		);
	});

	it('sealed cosmetics: the law holds while sealed, and not once the customer says it was opened', async () => {
		const sealed = await preview('Cosmetics');
		expect(sealed).toMatchObject({ eligible: true, decidedBy: 'law' });
		expect(sealed.explanation.join(' ')).toContain('holds while the seal is intact');
		const opened = await preview('Cosmetics', { unsealed: true });
		expect(opened.decidedBy).toBe('policy');
		expect(opened.explanation.join(' ')).toContain('unsealed after delivery');
	});

	it('an unmarked category keeps the law', async () => {
		expect(await preview('Kitchen')).toMatchObject({ eligible: true, decidedBy: 'law' });
	});
});
