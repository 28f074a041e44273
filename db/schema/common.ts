import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

// Time is UTC epoch milliseconds everywhere (DESIGN §3): sortable, cheap to compare
// in SQL, and the same in every runtime. ISO strings appear only at the API edge.
export const nowMs = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const createdAt = () => integer('created_at').notNull().default(nowMs);
export const updatedAt = () => integer('updated_at').notNull().default(nowMs);

// Money is integer minor units plus an ISO 4217 code, never floats (DESIGN §3).
export const currency = () => text('currency').notNull().default('GBP');
