import * as v from 'valibot';
import { freeText } from '../../core/free-text';
import { DELIVERY_STATUSES } from '../../../db/schema/webhooks';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Time = v.pipe(v.string(), v.isoTimestamp());

/** The event families a filter may name; `*` is every event. docs/webhooks.md lists types. */
export const EVENT_FAMILIES = ['stock', 'order', 'return', 'refund'] as const;
const FILTER = new RegExp(`^(\\*|(${EVENT_FAMILIES.join('|')})\\.(\\*|[a-z][a-z_]*))$`);

/** `stock.changed`, `order.*`, `*`: stored as written and matched in SQL with GLOB. */
export const EventFilters = v.pipe(
	v.array(
		v.pipe(
			v.string(),
			v.trim(),
			v.toLowerCase(),
			v.regex(
				FILTER,
				'Use an event type such as stock.changed, a family such as order.*, or * for all'
			)
		)
	),
	v.minLength(1, 'Choose at least one event'),
	v.maxLength(20, 'Use at most 20 filters'),
	v.transform((list) => [...new Set(list)].sort())
);

const Url = v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter the address'), v.maxLength(2000));

export const EndpointParams = v.object({ id: Id });
export type EndpointParams = v.InferOutput<typeof EndpointParams>;

export const CreateEndpoint = v.object({
	url: Url,
	/** What receives it ("ERP stock sync"), so whoever reads the log knows whom to ask. */
	description: v.optional(freeText(200), ''),
	events: EventFilters
});
export type CreateEndpoint = v.InferOutput<typeof CreateEndpoint>;

export const UpdateEndpoint = v.object({
	url: v.optional(Url),
	description: v.optional(freeText(200)),
	events: v.optional(EventFilters),
	active: v.optional(v.boolean())
});
export type UpdateEndpoint = v.InferOutput<typeof UpdateEndpoint>;

const Creator = v.object({ id: v.string(), name: v.string() });

export const WebhookEndpoint = v.object({
	id: v.string(),
	url: v.string(),
	description: v.string(),
	events: v.array(v.string()),
	active: v.boolean(),
	createdBy: v.nullable(Creator),
	createdAt: Time,
	updatedAt: Time,
	/** Deliveries per status, for the list's health at a glance. */
	counts: v.object({
		pending: v.number(),
		failed: v.number(),
		delivered: v.number(),
		dead: v.number()
	})
});
export type WebhookEndpoint = v.InferOutput<typeof WebhookEndpoint>;

export const EndpointList = v.object({ items: v.array(WebhookEndpoint) });
export type EndpointList = v.InferOutput<typeof EndpointList>;

export const CreatedEndpoint = v.object({
	...WebhookEndpoint.entries,
	/** The signing secret, in this first response only; null in an Idempotency-Key replay. */
	secret: v.nullable(v.string())
});
export type CreatedEndpoint = v.InferOutput<typeof CreatedEndpoint>;

export const Delivery = v.object({
	id: v.string(),
	endpointId: v.string(),
	event: v.object({ id: v.string(), type: v.string(), createdAt: Time }),
	status: v.picklist(DELIVERY_STATUSES),
	attempts: v.number(),
	nextAttemptAt: v.nullable(Time),
	lastAttemptAt: v.nullable(Time),
	lastStatusCode: v.nullable(v.number()),
	lastError: v.nullable(v.string()),
	deliveredAt: v.nullable(Time),
	createdAt: Time
});
export type Delivery = v.InferOutput<typeof Delivery>;

export const DeliveryQuery = v.object({
	status: v.optional(v.picklist(DELIVERY_STATUSES)),
	/** `<created ms>~<id>` of the last row of the previous page. */
	cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}~[\w-]{1,64}$/, 'Not a cursor'))),
	limit: v.optional(
		v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(100)),
		'50'
	)
});
export type DeliveryQuery = v.InferOutput<typeof DeliveryQuery>;

export const DeliveryList = v.object({
	items: v.array(Delivery),
	nextCursor: v.nullable(v.string())
});
export type DeliveryList = v.InferOutput<typeof DeliveryList>;

export const DeliveryParams = v.object({ id: Id });
export type DeliveryParams = v.InferOutput<typeof DeliveryParams>;
