// Column lists for the seed's multi-row INSERTs, in the order the row arrays use.
export const PRODUCT_COLUMNS = [
	'id',
	'sku',
	'barcode',
	'name',
	'price_minor',
	'currency',
	'reorder_point',
	'units_sold',
	'created_at',
	'updated_at'
] as const;

export const LEVEL_COLUMNS = [
	'product_id',
	'location_id',
	'on_hand',
	'reserved',
	'updated_at'
] as const;

export const MOVEMENT_COLUMNS = [
	'id',
	'product_id',
	'location_id',
	'kind',
	'on_hand_delta',
	'reserved_delta',
	'reason',
	'reference',
	'created_at'
] as const;
