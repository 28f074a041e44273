import { sql } from 'drizzle-orm';

// What one unit of stock is worth in the inventory reports, over `p` (products): the
// moving-average cost that purchase-order receipts keep (products.average_cost_minor),
// or the selling price for a product never received on a costed order, said per row.
export const unitCost = sql`coalesce(p.average_cost_minor, p.price_minor)`;
export const costBasis = sql`CASE WHEN p.average_cost_minor IS NULL THEN 'price' ELSE 'average_cost' END`;
export const COST_BASIS = 'moving-average cost; the price where a product has none yet';
