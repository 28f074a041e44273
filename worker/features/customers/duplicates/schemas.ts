import * as v from 'valibot';

const Id = v.pipe(v.string('Give a customer id'), v.minLength(1), v.maxLength(64));
const Version = v.pipe(v.number(), v.integer(), v.minValue(1));
const Score = v.pipe(
	v.union([v.number(), v.string()]),
	v.transform(Number),
	v.number('Give the score as a number from 0 to 1'),
	v.minValue(0, 'Give a score from 0 to 1'),
	v.maxValue(1, 'Give a score from 0 to 1')
);

export const ListDuplicates = v.object({
	/** Pairs at or above this score (default: the shop's threshold). */
	minScore: v.optional(Score),
	/** Only the pairs this customer is in (the profile's "possible duplicate" flag). */
	customerId: v.optional(Id),
	/** The `next` of the previous page. */
	cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
	limit: v.optional(
		v.pipe(
			v.union([v.number(), v.string()]),
			v.transform(Number),
			v.integer(),
			v.minValue(1),
			v.maxValue(200)
		),
		50
	)
});
export type ListDuplicates = v.InferOutput<typeof ListDuplicates>;

export const CustomerCard = v.object({
	id: v.string(),
	number: v.string(),
	name: v.string(),
	email: v.nullable(v.string()),
	phone: v.nullable(v.string()),
	postcode: v.nullable(v.string()),
	dateOfBirth: v.nullable(v.string()),
	externalId: v.nullable(v.string()),
	orders: v.number()
});
export type CustomerCard = v.InferOutput<typeof CustomerCard>;

export const DuplicatePair = v.object({
	a: CustomerCard,
	b: CustomerCard,
	score: v.number(),
	reasons: v.array(v.string()),
	status: v.picklist(['open', 'dismissed', 'merged']),
	foundAt: v.string()
});
export type DuplicatePair = v.InferOutput<typeof DuplicatePair>;

export const DuplicateList = v.object({
	items: v.array(DuplicatePair),
	/** Open pairs matching the filters on every page (the count on the customers page). */
	open: v.number(),
	minScore: v.number(),
	/** Customers changed since the finder last looked (0: the list is up to date). */
	waiting: v.number(),
	next: v.nullable(v.string())
});
export type DuplicateList = v.InferOutput<typeof DuplicateList>;

export const DismissDuplicate = v.object({ a: Id, b: Id });
export type DismissDuplicate = v.InferOutput<typeof DismissDuplicate>;

export const CompareCustomers = v.object({
	ids: v.pipe(
		v.string('Give 2 to 10 customer ids, comma-separated'),
		v.transform((s) => [
			...new Set(
				s
					.split(',')
					.map((x) => x.trim())
					.filter(Boolean)
			)
		]),
		v.array(Id),
		v.minLength(2, 'Give at least 2 customer ids'),
		v.maxLength(10, 'Merge at most 10 customers at once')
	)
});
export type CompareCustomers = v.InferOutput<typeof CompareCustomers>;

/** The fields a person picks, field by field, from one of the profiles. */
export const MERGE_FIELDS = ['givenName', 'familyName', 'preferredName', 'dateOfBirth'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export const MergeCustomers = v.object({
	survivorId: Id,
	mergedIds: v.pipe(
		v.array(Id),
		v.minLength(1, 'Choose at least one profile to merge into the survivor'),
		v.maxLength(9, 'Merge at most 10 customers at once'),
		v.check((ids) => new Set(ids).size === ids.length, 'Name each profile to merge only once')
	),
	/** The versions the person compared; a profile changed since is a 409. */
	versions: v.optional(v.record(Id, Version)),
	/** For each field, the customer whose value survives (default: the survivor's, else the first that has one). */
	fields: v.optional(
		v.object({
			givenName: v.optional(Id),
			familyName: v.optional(Id),
			preferredName: v.optional(Id),
			dateOfBirth: v.optional(Id)
		}),
		{}
	),
	/** The email and phone that become primary (any of the group's; default: the survivor's). */
	primaryEmail: v.optional(v.pipe(v.string(), v.maxLength(320))),
	primaryPhone: v.optional(v.pipe(v.string(), v.maxLength(32)))
});
export type MergeCustomers = v.InferOutput<typeof MergeCustomers>;

export const MergeResult = v.object({
	id: v.string(),
	survivorId: v.string(),
	mergedIds: v.array(v.string()),
	moved: v.object({
		orders: v.number(),
		emails: v.number(),
		phones: v.number(),
		addresses: v.number(),
		externalIds: v.number()
	}),
	mergedAt: v.string(),
	undoneAt: v.nullable(v.string())
});
export type MergeResult = v.InferOutput<typeof MergeResult>;

export const MergeList = v.object({ items: v.array(MergeResult) });

const Contact = {
	id: v.string(),
	isPrimary: v.boolean(),
	createdAt: v.number(),
	original: v.string()
};
export const ComparedCustomer = v.object({
	id: v.string(),
	number: v.string(),
	name: v.string(),
	givenName: v.nullable(v.string()),
	familyName: v.nullable(v.string()),
	preferredName: v.nullable(v.string()),
	dateOfBirth: v.nullable(v.string()),
	notes: v.nullable(v.string()),
	version: v.number(),
	mergedInto: v.nullable(v.string()),
	erasedAt: v.nullable(v.number()),
	emails: v.array(v.object({ ...Contact, email: v.string() })),
	phones: v.array(
		v.object({ ...Contact, e164: v.string(), national: v.nullable(v.string()), kind: v.string() })
	),
	addresses: v.array(
		v.object({
			id: v.string(),
			kind: v.string(),
			line1: v.string(),
			line2: v.nullable(v.string()),
			city: v.nullable(v.string()),
			postalCode: v.nullable(v.string()),
			country: v.string()
		})
	),
	consents: v.array(
		v.object({
			channel: v.string(),
			granted: v.boolean(),
			at: v.number(),
			source: v.string(),
			recordedBy: v.nullable(v.string())
		})
	),
	externalIds: v.array(v.object({ system: v.string(), value: v.string() })),
	tags: v.array(v.string()),
	orders: v.array(v.object({ id: v.string(), number: v.string() }))
});
export const Comparison = v.object({ customers: v.array(ComparedCustomer) });
export type Comparison = v.InferOutput<typeof Comparison>;

export const MergeParams = v.object({ id: Id });
export const MergesOf = v.object({ customerId: Id });
