import { describe, expect, it } from 'vitest';
import { apiQuery, formValues } from './filters';

describe('audit page filters', () => {
	it('reads only the known, non-empty filters from the URL', () => {
		const params = new URLSearchParams('action=auth.*&outcome=&actorId=%20u1%20&evil=1');
		expect(formValues(params)).toEqual({ action: 'auth.*', actorId: 'u1' });
	});

	it('turns a day range into an ISO window that includes the last day', () => {
		const query = apiQuery({ fromDate: '2026-03-01', toDate: '2026-03-01' });
		const from = Date.parse(query.from!);
		expect(Date.parse(query.to!) - from).toBe(24 * 60 * 60_000);
		expect(new Date(from).getDate()).toBe(1);
	});

	it('drops a malformed date rather than sending it', () => {
		expect(apiQuery({ fromDate: 'yesterday', outcome: 'failure' })).toEqual({ outcome: 'failure' });
	});
});
