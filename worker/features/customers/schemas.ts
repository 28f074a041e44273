import * as v from 'valibot';
import { ADDRESS_KINDS, CONSENT_CHANNELS, PHONE_KINDS } from '../../../db/schema/customers';

// Shapes only: lengths and kinds. What a value means (an email, a phone in the shop's
// region, a postcode of the country) is checked by normalise.ts in the verbs, which
// answer 422 naming the field the same way input() does.

const text = (max: number, label: string) =>
	v.pipe(v.string(), v.maxLength(max, `${label}: use at most ${max} characters`));
const optionalText = (max: number, label: string) => v.optional(v.nullable(text(max, label)));

export const SearchCustomers = v.object({
	/** Any part of a name, an email, a phone typed any way, a postcode, an order number or an external id. */
	q: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, 'Type at least 2 characters'),
		v.maxLength(100, 'Use at most 100 characters')
	),
	/** The `nextCursor` of the page before. */
	cursor: v.optional(v.pipe(v.string(), v.maxLength(200, 'This is not a cursor Ordo gave out'))),
	limit: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^[1-9][0-9]?$/, 'Ask for 1 to 50 at a time'),
			v.transform(Number),
			v.maxValue(50, 'Ask for 1 to 50 at a time')
		)
	)
});
export type SearchCustomers = v.InferOutput<typeof SearchCustomers>;

export const MATCH_FIELDS = [
	'name',
	'email',
	'phone',
	'postcode',
	'order',
	'externalId',
	'number'
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export const CustomerSummary = v.object({
	id: v.string(),
	number: v.string(),
	name: v.string(),
	email: v.nullable(v.string()),
	phone: v.nullable(v.string()),
	country: v.nullable(v.string()),
	/** Which field the query matched, and the stored value it matched (for highlighting). */
	matched: v.optional(
		v.object({ field: v.picklist(MATCH_FIELDS), value: v.string(), fuzzy: v.boolean() })
	)
});
export type CustomerSummary = v.InferOutput<typeof CustomerSummary>;

export const CustomerList = v.object({
	items: v.array(CustomerSummary),
	/** Pass as `cursor` for the next page; null on the last. */
	nextCursor: v.nullable(v.string())
});
export type CustomerList = v.InferOutput<typeof CustomerList>;

export const CustomerParams = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
export const ChildParams = v.object({
	id: v.pipe(v.string(), v.maxLength(64)),
	childId: v.pipe(v.string(), v.maxLength(64))
});

export const NewEmail = v.object({
	email: text(254, 'Email'),
	primary: v.optional(v.boolean())
});
export type NewEmail = v.InferOutput<typeof NewEmail>;

export const NewPhone = v.object({
	phone: text(40, 'Phone'),
	kind: v.optional(v.picklist(PHONE_KINDS, 'Pick mobile, home, work or other')),
	primary: v.optional(v.boolean())
});
export type NewPhone = v.InferOutput<typeof NewPhone>;

export const NewAddress = v.object({
	kind: v.picklist(ADDRESS_KINDS, 'Pick billing or shipping'),
	line1: text(200, 'Address line 1'),
	line2: optionalText(200, 'Address line 2'),
	city: optionalText(100, 'City'),
	region: optionalText(100, 'Region'),
	postalCode: optionalText(20, 'Postcode'),
	country: text(2, 'Country')
});
export type NewAddress = v.InferOutput<typeof NewAddress>;

export const ExternalId = v.object({
	system: v.pipe(
		text(40, 'System'),
		v.regex(
			/^[a-z0-9][a-z0-9_.-]*$/,
			'Name the system in lower-case letters, digits, dots and dashes (e.g. shopify)'
		)
	),
	value: v.pipe(text(100, 'External id'), v.minLength(1, 'Enter the id'))
});

const Tags = v.pipe(
	v.array(v.pipe(text(40, 'Tag'), v.minLength(1, 'A tag cannot be empty'))),
	v.maxLength(20, 'At most 20 tags')
);

const ProfileFields = {
	givenName: optionalText(100, 'Given name'),
	familyName: optionalText(100, 'Family name'),
	/** The display name; built from given and family names when left out. */
	name: optionalText(200, 'Name'),
	preferredName: optionalText(100, 'Preferred name'),
	dateOfBirth: optionalText(10, 'Date of birth'),
	notes: optionalText(2000, 'Notes'),
	country: optionalText(100, 'Country'),
	tags: v.optional(Tags)
};

export const CreateCustomer = v.object({
	...ProfileFields,
	emails: v.optional(v.pipe(v.array(NewEmail), v.maxLength(10, 'At most 10 emails'))),
	phones: v.optional(v.pipe(v.array(NewPhone), v.maxLength(10, 'At most 10 phones'))),
	addresses: v.optional(v.pipe(v.array(NewAddress), v.maxLength(10, 'At most 10 addresses'))),
	externalIds: v.optional(v.pipe(v.array(ExternalId), v.maxLength(10, 'At most 10 external ids')))
});
export type CreateCustomer = v.InferOutput<typeof CreateCustomer>;

export const UpdateCustomer = v.object({
	/** The `version` of the profile the person edited: 409 with what changed if it moved. */
	expectVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	...ProfileFields
});
export type UpdateCustomer = v.InferOutput<typeof UpdateCustomer>;

export const ConsentParams = v.object({
	id: v.pipe(v.string(), v.maxLength(64)),
	channel: v.picklist(CONSENT_CHANNELS, 'Pick email, sms, phone or post')
});
export const SetConsent = v.object({
	granted: v.boolean(),
	/** How the person gave or withdrew it: "phone call", "paper form". */
	source: v.pipe(text(100, 'How'), v.trim(), v.minLength(2, 'Say how the customer told you')),
	/** When, if not now (ISO 8601). */
	at: v.optional(v.pipe(v.string(), v.isoTimestamp('Give the time as ISO 8601')))
});
export type SetConsent = v.InferOutput<typeof SetConsent>;

const Time = v.string();
export const CustomerProfile = v.object({
	id: v.string(),
	number: v.string(),
	name: v.string(),
	givenName: v.nullable(v.string()),
	familyName: v.nullable(v.string()),
	preferredName: v.nullable(v.string()),
	dateOfBirth: v.nullable(v.string()),
	notes: v.nullable(v.string()),
	country: v.nullable(v.string()),
	email: v.nullable(v.string()),
	phone: v.nullable(v.string()),
	version: v.number(),
	/** Set on a tombstone: the surviving customer (the end of the chain) to show instead. */
	mergedInto: v.nullable(v.string()),
	erasedAt: v.nullable(Time),
	createdAt: Time,
	updatedAt: Time,
	emails: v.array(
		v.object({ id: v.string(), email: v.string(), original: v.string(), primary: v.boolean() })
	),
	phones: v.array(
		v.object({
			id: v.string(),
			e164: v.string(),
			original: v.string(),
			kind: v.picklist(PHONE_KINDS),
			primary: v.boolean()
		})
	),
	addresses: v.array(
		v.object({
			id: v.string(),
			kind: v.picklist(ADDRESS_KINDS),
			line1: v.string(),
			line2: v.nullable(v.string()),
			city: v.nullable(v.string()),
			region: v.nullable(v.string()),
			postalCode: v.nullable(v.string()),
			country: v.string()
		})
	),
	consents: v.array(
		v.object({
			channel: v.picklist(CONSENT_CHANNELS),
			granted: v.boolean(),
			at: Time,
			source: v.string()
		})
	),
	externalIds: v.array(v.object({ system: v.string(), value: v.string() })),
	tags: v.array(v.string()),
	orders: v.object({
		count: v.number(),
		lastPlacedAt: v.nullable(Time),
		recent: v.array(
			v.object({
				id: v.string(),
				number: v.string(),
				status: v.string(),
				currency: v.string(),
				totalMinor: v.number(),
				placedAt: Time
			})
		)
	})
});
export type CustomerProfile = v.InferOutput<typeof CustomerProfile>;
