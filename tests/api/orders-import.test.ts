import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// The order history import (issue 7) over HTTP, against a real database file: the whole
// Online Retail month counted against the file, the Shopify fixture's money, bad files that
// change nothing, re-imports and dry runs.

const RETAIL = 'data/online-retail/online_retail_2010-12.csv.gz';
const SHOPIFY = 'tests/fixtures/shopify-orders.csv';

let t: TestApi;
let manager: Session;

beforeAll(async () => {
	t = await createTestApi();
	manager = await t.signIn('manager');
});

const importFile = (body: Record<string, unknown>, session = manager) =>
	t.request('/api/orders/import', { method: 'POST', session, json: body });

async function counts() {
	const one = async (sql: string) => Number((await t.client.execute(sql)).rows[0]![0]);
	return {
		orders: await one('SELECT count(*) FROM orders'),
		lines: await one('SELECT count(*) FROM order_lines'),
		returns: await one('SELECT count(*) FROM returns'),
		returnLines: await one('SELECT count(*) FROM return_lines'),
		customers: await one('SELECT count(*) FROM customers'),
		products: await one('SELECT count(*) FROM products'),
		movements: await one('SELECT count(*) FROM stock_movements'),
		timeline: await one('SELECT count(*) FROM timeline_events')
	};
}

type Row = Record<string, string>;

/**
 * What the import should make of the Online Retail file, worked out here from the rows
 * themselves (a different CSV parser, no import code): an order per invoice with a sale,
 * a line per sale row, and each negative row matched to the same customer's newest earlier
 * purchase of that stock code with units left, then the next older one.
 */
function expectedFromRetailFile() {
	const rows = parse(gunzipSync(readFileSync(RETAIL)), { columns: true }) as Row[];
	const at = (r: Row) => Date.parse(`${r.InvoiceDate!.replace(' ', 'T')}Z`);
	const sales = rows.map((r, i) => ({ r, i })).filter(({ r }) => Number(r.Quantity) > 0);
	const invoiceTime = new Map<string, number>();
	const invoiceFirst = new Map<string, number>();
	for (const { r, i } of sales) {
		invoiceTime.set(r.InvoiceNo!, Math.min(invoiceTime.get(r.InvoiceNo!) ?? Infinity, at(r)));
		if (!invoiceFirst.has(r.InvoiceNo!)) invoiceFirst.set(r.InvoiceNo!, i);
	}
	const left = new Map(sales.map(({ r, i }) => [i, Number(r.Quantity)]));
	const customer = (r: Row) => r.CustomerID!.replace(/\.0$/, '');
	const returned = rows
		.map((r, i) => ({ r, i }))
		.filter(({ r }) => Number(r.Quantity) < 0)
		.sort((a, b) => at(a.r) - at(b.r) || a.i - b.i);
	const pairs = new Set<string>();
	let returnLines = 0;
	let unmatchedRows = 0;
	for (const { r } of returned) {
		let wanted = -Number(r.Quantity);
		const candidates = customer(r)
			? sales
					.filter(
						(s) =>
							customer(s.r) === customer(r) &&
							s.r.StockCode!.toUpperCase() === r.StockCode!.toUpperCase() &&
							invoiceTime.get(s.r.InvoiceNo!)! <= at(r)
					)
					.sort(
						(a, b) =>
							invoiceTime.get(b.r.InvoiceNo!)! - invoiceTime.get(a.r.InvoiceNo!)! ||
							invoiceFirst.get(b.r.InvoiceNo!)! - invoiceFirst.get(a.r.InvoiceNo!)! ||
							a.i - b.i
					)
			: [];
		for (const s of candidates) {
			const take = Math.min(left.get(s.i)!, wanted);
			if (take <= 0) continue;
			left.set(s.i, left.get(s.i)! - take);
			wanted -= take;
			pairs.add(`${r.InvoiceNo}|${s.r.InvoiceNo}`);
			returnLines++;
			if (wanted === 0) break;
		}
		if (wanted > 0) unmatchedRows++;
	}
	return {
		rows: rows.length,
		orders: new Set(sales.map(({ r }) => r.InvoiceNo)).size,
		lines: sales.length,
		returns: pairs.size,
		returnLines,
		unmatchedRows,
		unitsReturned: sales.reduce((n, { r, i }) => n + Number(r.Quantity) - left.get(i)!, 0)
	};
}

describe('order history import: the Online Retail month', () => {
	it('imports every invoice, line and matched return of the file in one request, moving no stock', async () => {
		const expected = expectedFromRetailFile();
		expect(expected.returns).toBeGreaterThan(0);
		const before = await counts();
		const csvGzip = readFileSync(RETAIL).toString('base64');
		const res = await importFile({ csvGzip });
		expect(res.status, await res.clone().text()).toBe(200);
		expect(roundTrips(res).domain).toBe(2);
		const body = await res.json();
		expect(body).toMatchObject({
			format: 'online-retail',
			applied: true,
			rows: expected.rows,
			orders: expected.orders,
			lines: expected.lines,
			returns: expected.returns,
			returnLines: expected.returnLines,
			unmatchedReturns: expected.unmatchedRows
		});
		const after = await counts();
		expect(after.orders - before.orders).toBe(expected.orders);
		expect(after.lines - before.lines).toBe(expected.lines);
		expect(after.returns - before.returns).toBe(expected.returns);
		expect(after.returnLines - before.returnLines).toBe(expected.returnLines);
		// History: no reservation, no shipment, no restock.
		expect(after.movements).toBe(before.movements);
		expect(after.timeline - before.timeline).toBe(expected.orders + expected.returns);
		const sums = (
			await t.client.execute(`SELECT
				(SELECT sum(quantity_returned) FROM order_lines) AS lineSide,
				(SELECT sum(quantity) FROM return_lines) AS returnSide,
				(SELECT count(*) FROM orders WHERE channel = 'import' AND status = 'delivered') AS delivered,
				(SELECT count(*) FROM timeline_events WHERE kind = 'return.recorded') AS recorded`)
		).rows[0]!;
		expect(Number(sums.lineSide)).toBe(expected.unitsReturned);
		expect(Number(sums.returnSide)).toBe(expected.unitsReturned);
		expect(Number(sums.delivered)).toBe(expected.orders);
		expect(Number(sums.recorded)).toBe(expected.returns);
	}, 120_000);

	it('refuses the same file again as already imported and changes nothing', async () => {
		const before = await counts();
		const res = await importFile({ csvGzip: readFileSync(RETAIL).toString('base64') });
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:already-imported');
		expect(problem.errors['line 2']).toEqual([
			expect.stringMatching(/^order 536365 was already imported as ORD-\d+$/)
		]);
		expect(await counts()).toEqual(before);
	}, 120_000);
});

describe('order history import: a Shopify orders export', () => {
	const csv = readFileSync(SHOPIFY, 'utf8');

	it('previews a dry run and writes nothing', async () => {
		const before = await counts();
		const res = await importFile({ csv, dryRun: true });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ format: 'shopify', applied: false, orders: 4, lines: 7 });
		expect(body.preview[0]).toMatchObject({
			ref: '#1001',
			line: 2,
			lines: 3,
			units: 3,
			totalMinor: 3745
		});
		expect(body.columns.order).toBe('Name');
		expect(await counts()).toEqual(before);
	});

	it('imports orders with their discount, shipping, tax, refund and cancellation', async () => {
		const res = await importFile({ csv });
		expect(res.status).toBe(200);
		const { rows } = await t.client
			.execute(`SELECT external_ref AS ref, status, payment_status AS payment,
			subtotal_minor AS subtotal, discount_minor AS discount, shipping_minor AS shipping, tax_minor AS tax,
			total_minor AS total, customer_id AS customer,
			(SELECT sum(net_minor) FROM order_lines l WHERE l.order_id = o.id) AS nets,
			(SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND kind = 'shipping') AS shippingLines
			FROM orders o WHERE external_ref LIKE '#%' ORDER BY external_ref`);
		const byRef = Object.fromEntries(rows.map((r) => [r.ref, r]));
		expect(byRef['#1001']).toMatchObject({
			status: 'shipped',
			payment: 'paid',
			subtotal: 3250,
			shipping: 495,
			tax: 624,
			total: 3745,
			nets: 3745,
			shippingLines: 1
		});
		expect(byRef['#1002']).toMatchObject({
			subtotal: 4000,
			discount: 400,
			total: 3600,
			nets: 3600,
			shippingLines: 0
		});
		expect(byRef['#1003']).toMatchObject({
			payment: 'refunded',
			tax: 180,
			total: 1980,
			nets: 1980
		});
		expect(byRef['#1004']).toMatchObject({ status: 'cancelled', payment: 'unpaid' });
		// Jane's two orders (her email in two cases) are one customer, created once.
		expect(byRef['#1001']!.customer).toBe(byRef['#1003']!.customer);
		const jane = await t.client.execute({
			sql: 'SELECT name, email FROM customers WHERE id = ?',
			args: [byRef['#1001']!.customer]
		});
		expect(jane.rows[0]).toMatchObject({ name: 'Jane Rivers', email: 'jane.rivers@example.com' });
		const refund = await t.client.execute(
			`SELECT data FROM timeline_events WHERE kind = 'order.imported' AND json_extract(data, '$.ref') = '#1003'`
		);
		expect(JSON.parse(String(refund.rows[0]!.data))).toMatchObject({ refundedMinor: 1980 });
	});
});

describe('order history import: files that change nothing', () => {
	const header =
		'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

	it('names every bad line (number, date, quantity) and imports none of the file', async () => {
		const before = await counts();
		const csv = [
			header,
			'900001,85123A,GOOD LINE,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
			'900001,71053,BAD PRICE,6,2010-12-01 08:26:00,3.3.9,17850.0,United Kingdom',
			'900002,71053,BAD DATE,6,2010-13-01 08:26:00,3.39,17850.0,United Kingdom',
			'900003,71053,BAD QUANTITY,six,2010-12-01 08:26:00,3.39,17850.0,United Kingdom'
		].join('\n');
		const res = await importFile({ csv });
		expect(res.status).toBe(422);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:import-rows-invalid');
		expect(Object.keys(problem.errors)).toEqual(['line 3', 'line 4', 'line 5']);
		expect(problem.errors['line 3'][0]).toContain('UnitPrice "3.3.9"');
		expect(problem.errors['line 4'][0]).toContain(
			'InvoiceDate "2010-13-01 08:26:00" is not a date'
		);
		expect(problem.errors['line 5'][0]).toContain('Quantity "six" is not a whole number');
		expect(await counts()).toEqual(before);
	});

	it('says which required column is missing', async () => {
		const res = await importFile({
			csv: 'InvoiceNo,StockCode,Quantity\n1,A,1',
			format: 'online-retail'
		});
		expect(res.status).toBe(422);
		const problem = await res.json();
		expect(problem.errors.mapping).toEqual(
			expect.arrayContaining([expect.stringContaining('no column "InvoiceDate" (for date)')])
		);
	});

	it('reads any CSV through an explicit mapping', async () => {
		const csv = 'Ref,Item,Qty,When,Each\nX-1,85123A,2,2011-01-05,2.55\nX-1,71053,1,2011-01-05,3.39';
		const res = await importFile({
			csv,
			format: 'custom',
			map: { order: 'Ref', sku: 'Item', quantity: 'Qty', date: 'When', price: 'Each' },
			dryRun: true
		});
		expect(res.status, await res.clone().text()).toBe(200);
		expect(await res.json()).toMatchObject({ format: 'custom', orders: 1, lines: 2 });
	});

	it('refuses a card number in a text column', async () => {
		const csv = `${header}\n900009,85123A,PAID WITH 4111 1111 1111 1111,1,2010-12-01 08:26:00,2.55,17850.0,United Kingdom`;
		const res = await importFile({ csv });
		expect(res.status).toBe(422);
		expect((await res.json()).errors['line 2'][0]).toContain('card number');
	});

	it('is for managers and admins only', async () => {
		const support = await t.signIn('support');
		const res = await importFile({ csv: readFileSync(SHOPIFY, 'utf8'), dryRun: true }, support);
		expect(res.status).toBe(403);
	});
});
