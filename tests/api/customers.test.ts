import { beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let rep: Session;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
	warehouse = await t.signIn('warehouse');
	await createCustomer(t.db, { name: 'Ada Lovelace', email: 'ada@example.test', phone: '+4411' });
	await createCustomer(t.db, { name: 'Adam Smith', email: 'smith@example.test', phone: '+4422' });
	await createCustomer(t.db, { name: 'Grace Hopper', email: 'grace@adamant.test', phone: '+1555' });
});

const find = async (q: string, session: Session = rep) => {
	const res = await t.request(`/api/customers?q=${encodeURIComponent(q)}`, { session });
	return { status: res.status, body: (await res.json()) as { items: { name: string }[] } };
};
const names = async (q: string) => (await find(q)).body.items.map((c) => c.name).sort();

describe('finding a customer for a phone order', () => {
	it('matches the start of a name, an email or a phone, not the middle', async () => {
		expect(await names('ada')).toEqual(['Ada Lovelace', 'Adam Smith']);
		expect(await names('GRACE@')).toEqual(['Grace Hopper']);
		expect(await names('+44')).toEqual(['Ada Lovelace', 'Adam Smith']);
		expect(await names('Lovelace')).toEqual([]);
	});

	it('treats LIKE wildcards as text', async () => {
		expect(await names('%a')).toEqual([]);
		expect(await names('__')).toEqual([]);
	});

	it('asks for two characters, and refuses roles without customers.read', async () => {
		expect((await find('a')).status).toBe(422);
		expect((await find('ada', warehouse)).status).toBe(403);
	});
});
