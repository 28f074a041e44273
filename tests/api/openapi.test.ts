import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../worker/app';
import { routeTable } from '../../worker/core/openapi';
import { createTestApi, type TestApi } from '../support/test-api';

let t: TestApi;
beforeAll(async () => {
	t = await createTestApi();
});

describe('OpenAPI document', () => {
	it('is OpenAPI 3.1 and lists every route with its permission', async () => {
		const res = await t.request('/api/openapi.json');
		expect(res.status).toBe(200);
		const doc = await res.json();
		expect(doc.openapi).toBe('3.1.0');
		for (const route of routeTable(api)) {
			const path = route.path.replace(/:(\w+)/g, '{$1}');
			const op = doc.paths[path]?.[route.method.toLowerCase()];
			expect(op, `${route.method} ${route.path}`).toBeDefined();
			expect(op['x-ordo-permission']).toBe(route.access);
			expect(op.summary).toEqual(expect.any(String));
		}
	});

	it('describes inputs from the same schemas the routes validate with', async () => {
		const doc = await (await t.request('/api/openapi.json')).json();
		const search = doc.paths['/api/inventory/products'].get;
		expect(search.parameters).toContainEqual(
			expect.objectContaining({ name: 'q', in: 'query', required: true })
		);
		const adjust = doc.paths['/api/inventory/adjustments'].post;
		const body = adjust.requestBody.content['application/json'].schema;
		expect(body.required).toEqual(expect.arrayContaining(['productId', 'locationId', 'delta']));
		// A reason code (issue 8) or the older free-text reason: one of the two.
		expect(Object.keys(body.properties)).toEqual(
			expect.arrayContaining(['reason', 'reasonCode', 'note'])
		);
		expect(adjust.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key' }));
		expect(doc.paths['/api/inventory/products/{id}'].get.parameters[0]).toMatchObject({
			name: 'id',
			in: 'path',
			required: true
		});
	});
});
