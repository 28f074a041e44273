import type { RouteExamples } from '../../../core/route-meta';

// Worked examples for the OpenAPI document (issue 8: "documented with examples"). Each
// request example is parsed with its route's own schema and each response example with its
// response schema in tests/api/integration-api.test.ts, so they cannot drift from the API.

const level = {
	sku: '85123A',
	productId: '0193a4f0-8d2e-7c4b-9a51-3f0e2b6d7c10',
	location: 'MAIN',
	locationId: '0193a4f0-8d2e-7c4b-9a51-3f0e2b6d7c11',
	onHand: 120,
	reserved: 8,
	available: 112,
	version: 7,
	updatedAt: '2026-11-29T10:15:00.000Z'
};

const problem = (
	code: string,
	title: string,
	status: number,
	extra: Record<string, unknown> = {}
) => ({
	type: `urn:ordo:problem:${code}`,
	title,
	status,
	...extra,
	requestId: '0193a4f1-2b7c-7d3e-8f90-1a2b3c4d5e6f'
});

export const EXAMPLES = {
	listStock: {
		response: { items: [level], nextCursor: 'WyI4NTEyM0EiLCJNQUlOIl0' }
	},
	setLevel: {
		request: { onHand: 118, expectedVersion: 7, reason: 'Nightly sync from the warehouse system' },
		response: {
			...level,
			onHand: 118,
			available: 110,
			version: 8,
			movementId: '0193a4f2-0000-7000-8000-000000000001',
			delta: -2
		},
		problems: {
			409: {
				summary:
					'The level moved since it was read: `current` has it now; decide again and send its version',
				value: problem('stock-level-changed', 'This stock level changed since it was read', 409, {
					detail:
						'It is at version 8 now, with 119 on hand. Decide again from `current` and send its version.',
					current: {
						sku: '85123A',
						location: 'MAIN',
						onHand: 119,
						reserved: 9,
						available: 110,
						version: 8
					}
				})
			},
			404: {
				summary: 'No product has the SKU (or no location the code)',
				value: problem('product-not-found', 'No product has the SKU 85123X', 404)
			}
		}
	},
	deltas: {
		request: {
			deltas: [
				{ sku: '85123A', location: 'MAIN', delta: 24, reason: 'Delivery PO-2211 received' },
				{ sku: '22423', location: 'MAIN', delta: -1, reason: 'Damaged in the warehouse' }
			]
		},
		response: {
			applied: 2,
			levels: [
				{ ...level, onHand: 144, available: 136, version: 8 },
				{
					...level,
					sku: '22423',
					productId: '0193a4f0-8d2e-7c4b-9a51-3f0e2b6d7c12',
					onHand: 11,
					reserved: 0,
					available: 11,
					version: 3
				}
			]
		},
		problems: {
			422: {
				summary:
					'No Idempotency-Key header, or a row names an unknown SKU or location (nothing applied)',
				value: problem('unknown-sku-or-location', 'Some deltas name no product or location', 422, {
					detail: 'Nothing was applied. Fix the rows listed in `errors`.',
					errors: { 'deltas.1.sku': ['No product has the SKU 22423X'] }
				})
			},
			409: {
				summary: 'A delta would take stock below what orders reserve (nothing applied)',
				value: problem(
					'insufficient-stock',
					'Some deltas would take stock below what is reserved',
					409,
					{
						errors: {
							'deltas.1.delta': [
								'22423 at MAIN would have -1 on hand, below the 0 reserved for orders'
							]
						}
					}
				)
			}
		}
	},
	bulkProducts: {
		request: {
			products: [
				{
					sku: '85123A',
					name: 'White hanging heart T-light holder',
					barcode: '5012345678900',
					priceMinor: 295
				},
				{
					sku: 'NEW-LANTERN',
					name: 'Zinc lantern',
					priceMinor: 1250,
					currency: 'GBP',
					reorderPoint: 6
				}
			]
		},
		response: {
			created: 1,
			updated: 1,
			items: [
				{ sku: '85123A', id: '0193a4f0-8d2e-7c4b-9a51-3f0e2b6d7c10', created: false },
				{ sku: 'NEW-LANTERN', id: '0193a4f3-0000-7000-8000-000000000002', created: true }
			]
		},
		problems: {
			422: {
				summary:
					'A row is not valid or repeats a SKU or barcode: every bad row is named, nothing written',
				value: problem('invalid-input', 'Some fields need attention', 422, {
					errors: { 'products.1.priceMinor': ['A price cannot be negative'] }
				})
			},
			409: {
				summary: 'A barcode belongs to another product (nothing written)',
				value: problem('barcode-taken', 'Some barcodes belong to other products', 409, {
					errors: {
						'products.0.barcode': [
							'Barcode 5012345678900 belongs to SKU 22423 (Regency cakestand 3 tier)'
						]
					}
				})
			}
		}
	},
	importProducts: {
		request: {
			csv: 'sku,name,barcode,price\r\n85123A,White hanging heart T-light holder,5012345678900,2.95\r\n',
			dryRun: true
		},
		response: {
			kind: 'products',
			dryRun: true,
			applied: false,
			rows: 1,
			created: 0,
			updated: 1,
			unchanged: 0,
			ignoredColumns: [],
			preview: [
				{
					line: 2,
					sku: '85123A',
					what: 'update',
					from: 'White hanging heart T-light holder, 2.55 GBP',
					to: 'White hanging heart T-light holder, 2.95 GBP'
				}
			]
		},
		problems: {
			422: {
				summary: 'Lines to fix (keyed `line N`); nothing was imported',
				value: problem('import-rows-invalid', '1 problem in the file; nothing was imported', 422, {
					errors: { 'line 3': ['price: "2,95" is not a price (like 2.55)'] }
				})
			}
		}
	},
	importStock: {
		request: { csv: 'sku,location,on_hand,version\r\n85123A,MAIN,118,7\r\n', dryRun: false },
		response: {
			kind: 'stock',
			dryRun: false,
			applied: true,
			rows: 1,
			created: 0,
			updated: 1,
			unchanged: 0,
			ignoredColumns: [],
			preview: [{ line: 2, sku: '85123A', what: 'on hand at MAIN', from: '120', to: '118' }]
		},
		problems: {
			422: {
				summary:
					'Lines to fix (unknown SKU, below reserved, a version that moved); nothing was imported',
				value: problem('import-rows-invalid', '1 problem in the file; nothing was imported', 422, {
					errors: {
						'line 2': [
							'85123A at MAIN changed since the file was exported (version 7, now 8 with 119 on hand): export again'
						]
					}
				})
			}
		}
	}
} satisfies Record<string, RouteExamples>;
