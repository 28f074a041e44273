import { sql, type SQL } from 'drizzle-orm';

// Shared by export and erasure (the person's data requests). A profile merged into this
// one is the same person's data: its tombstone still holds what it held when it was merged,
// so both requests cover the customer and every profile merged into it, at any depth.
export const profilesOf = (id: string): SQL =>
	sql`WITH RECURSIVE profiles(id) AS (SELECT ${id}
		UNION SELECT c.id FROM customers c JOIN profiles p ON c.merged_into = p.id)
		SELECT id FROM profiles`;
