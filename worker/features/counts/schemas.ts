import * as v from 'valibot';
import { COUNT_LINE_STATUSES, COUNT_TASK_STATUSES } from '../../../db/schema/counts';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const IsoTime = v.pipe(
	v.string(),
	v.maxLength(40),
	v.isoTimestamp('Use an ISO 8601 time with zone, e.g. 2026-11-29T10:15:00.000Z')
);

export const TaskParams = v.object({ id: Id });
export const LineParams = v.object({ id: Id });

export const CreateCountTask = v.object({
	locationId: Id,
	/** Count only bins starting with this ("A-" a zone, "A-03-2" one bin); all when absent. */
	binPrefix: v.optional(v.nullable(freeText(40, 1))),
	assigneeId: v.optional(v.nullable(Id)),
	blind: v.optional(v.boolean(), false),
	note: v.optional(v.nullable(freeText(200)))
});
export type CreateCountTask = v.InferOutput<typeof CreateCountTask>;

export const ListCountTasks = v.object({
	mine: v.optional(v.picklist(['true', 'false'], 'Use true or false')),
	locationId: v.optional(Id),
	status: v.optional(v.picklist(COUNT_TASK_STATUSES, 'Use open, submitted or closed'))
});
export type ListCountTasks = v.InferOutput<typeof ListCountTasks>;

export const CountTask = v.object({
	id: v.string(),
	locationId: v.string(),
	locationCode: v.string(),
	locationName: v.string(),
	binPrefix: v.nullable(v.string()),
	assigneeId: v.nullable(v.string()),
	assigneeName: v.nullable(v.string()),
	blind: v.boolean(),
	status: v.picklist(COUNT_TASK_STATUSES),
	note: v.nullable(v.string()),
	createdAt: v.string(),
	/** Lines counted so far, and those waiting for a manager. */
	counted: v.number(),
	awaiting: v.number()
});
export type CountTask = v.InferOutput<typeof CountTask>;

export const CountTaskList = v.object({ items: v.array(CountTask) });
export type CountTaskList = v.InferOutput<typeof CountTaskList>;

export const CountLineStatus = v.picklist(COUNT_LINE_STATUSES);

/** The latest count of a product in the task, as the counter sees it. */
export const LastCount = v.object({
	lineId: v.string(),
	counted: v.number(),
	status: CountLineStatus,
	twoDevices: v.boolean()
});

export const TaskItem = v.object({
	productId: v.string(),
	sku: v.string(),
	barcode: v.nullable(v.string()),
	name: v.string(),
	bin: v.nullable(v.string()),
	/** The system's on hand now; absent when the task is blind (the server leaves it out). */
	expected: v.optional(v.number()),
	last: v.nullable(LastCount)
});

export const CountTaskDetail = v.object({
	...CountTask.entries,
	items: v.array(TaskItem),
	/** True when the location holds more than the page shows (narrow the bin prefix). */
	truncated: v.boolean()
});
export type CountTaskDetail = v.InferOutput<typeof CountTaskDetail>;

export const SubmitCountLine = v.object({
	productId: Id,
	counted: v.pipe(
		v.number(),
		v.integer('Count whole units'),
		v.minValue(0, 'A count cannot be below 0'),
		v.maxValue(1_000_000, 'Count at most 1,000,000 units in one line')
	),
	/** When it was counted, on the device's clock (corrected by Ordo-Sent-At). */
	countedAt: IsoTime,
	deviceId: v.pipe(v.string(), v.minLength(1), v.maxLength(100), v.regex(/^[\w.:-]+$/))
});
export type SubmitCountLine = v.InferOutput<typeof SubmitCountLine>;

/** A count line. Blind tasks' lines leave out expected and variance for the counter. */
export const CountLine = v.object({
	id: v.string(),
	taskId: v.string(),
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	locationId: v.string(),
	bin: v.nullable(v.string()),
	counted: v.number(),
	countedAt: v.string(),
	expected: v.optional(v.number()),
	varianceUnits: v.optional(v.number()),
	varianceValueMinor: v.optional(v.number()),
	currency: v.string(),
	deviceId: v.string(),
	countedById: v.nullable(v.string()),
	countedByName: v.nullable(v.string()),
	status: CountLineStatus,
	twoDevices: v.boolean(),
	movementId: v.nullable(v.string()),
	decidedAt: v.nullable(v.string())
});
export type CountLine = v.InferOutput<typeof CountLine>;

export const ApprovalQuery = v.object({ locationId: v.optional(Id) });
export type ApprovalQuery = v.InferOutput<typeof ApprovalQuery>;

export const ApprovalQueue = v.object({
	items: v.array(
		v.object({
			...CountLine.entries,
			locationCode: v.string(),
			/** Other counts of this product × location in the task (two devices). */
			others: v.array(
				v.object({
					id: v.string(),
					deviceId: v.string(),
					counted: v.number(),
					countedAt: v.string(),
					status: CountLineStatus
				})
			)
		})
	)
});
export type ApprovalQueue = v.InferOutput<typeof ApprovalQueue>;

const Limit = v.nullable(
	v.pipe(v.number(), v.integer('Use whole numbers'), v.minValue(0), v.maxValue(1_000_000_000))
);

/** Over either threshold a count waits for a manager; null = no limit of that kind. */
export const CountApproval = v.object({
	units: Limit,
	valueMinor: Limit
});
export type CountApproval = v.InferOutput<typeof CountApproval>;

export const Counters = v.object({
	items: v.array(v.object({ id: v.string(), name: v.string(), role: v.string() }))
});
export type Counters = v.InferOutput<typeof Counters>;
