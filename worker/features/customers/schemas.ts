import * as v from 'valibot';

export const SearchCustomers = v.object({
	/** The start of a name, an email or a phone number. */
	q: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, 'Type at least 2 characters'),
		v.maxLength(100, 'Use at most 100 characters')
	)
});
export type SearchCustomers = v.InferOutput<typeof SearchCustomers>;

export const CustomerSummary = v.object({
	id: v.string(),
	number: v.string(),
	name: v.string(),
	email: v.nullable(v.string()),
	phone: v.nullable(v.string()),
	country: v.nullable(v.string())
});
export type CustomerSummary = v.InferOutput<typeof CustomerSummary>;

export const CustomerList = v.object({ items: v.array(CustomerSummary) });
export type CustomerList = v.InferOutput<typeof CustomerList>;
