import { sql } from 'drizzle-orm';

// What one unit of stock is worth in the inventory reports, over `p` (products).
// TODO(merge h/reorder): the moving-average cost products.average_cost_minor.
export const unitCost = sql`p.price_minor`;
export const COST_BASIS = 'price (no cost recorded yet)';
