import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsCardNumber } from '../../worker/lib/card-data';
import { createPendingOrder } from '../support/orders-factory';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	type PaymentsTestApi
} from '../support/payments-harness';

// PCI DSS SAQ A: card data never enters Ordo. No API field could carry it, and what the
// payment flow stores holds a card's brand and last 4 only.
let t: PaymentsTestApi;

beforeAll(async () => {
	t = await createPaymentsTestApi();
});
afterAll(() => t.close());

const CARD_FIELD =
	/^(pan|card_?number|cardnum\w*|cvv2?|cvc2?|csc|expiry|card_?expiry|exp_?(month|year)|track_?data)$/i;

function propertyNames(node: unknown, out = new Set<string>()): Set<string> {
	if (Array.isArray(node)) for (const item of node) propertyNames(item, out);
	else if (node && typeof node === 'object') {
		for (const [key, value] of Object.entries(node)) {
			if (key === 'properties' && value && typeof value === 'object')
				for (const name of Object.keys(value)) out.add(name);
			propertyNames(value, out);
		}
	}
	return out;
}

describe('card data (security)', () => {
	it('has no request or response field named like a card number, CVC or expiry in the OpenAPI document', async () => {
		const doc = await (await t.request('/api/openapi.json')).json();
		const names = [...propertyNames(doc)];
		expect(names).toContain('amountMinor');
		expect(names.filter((n) => CARD_FIELD.test(n))).toEqual([]);
	});

	it('stores a card payment as brand and last 4 only', async () => {
		const rep = await t.signIn('support');
		const order = await createPendingOrder(t.db);
		const link = await (
			await t.request(`/api/orders/${order.id}/payment-link`, {
				method: 'POST',
				session: rep,
				json: {}
			})
		).json();
		await pressOnHostedPage(link.url, 'pay');
		await t.sandbox.webhooks.settled();
		const columns = await t.client.execute("SELECT name FROM pragma_table_info('payments')");
		const cardColumns = columns.rows.map((r) => String(r.name)).filter((n) => n.startsWith('card'));
		expect(cardColumns.sort()).toEqual(['card_brand', 'card_last4']);
		const stored = await t.client.execute('SELECT * FROM payments');
		expect(stored.rows.find((r) => r.order_id === order.id)).toMatchObject({
			card_brand: 'visa',
			card_last4: '4242'
		});
		const everything = JSON.stringify([
			stored.rows,
			(await t.client.execute('SELECT * FROM webhook_inbox')).rows
		]);
		expect(containsCardNumber(everything)).toBe(false);
	});
});
