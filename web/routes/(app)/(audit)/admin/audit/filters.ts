// The audit page's filters live in the URL (?action=…&outcome=…), so a filtered view can
// be bookmarked or sent to a colleague, and Back returns to the previous filter.
export const TEXT_FILTERS = ['action', 'outcome', 'actorId', 'targetType', 'targetId'] as const;

type Outcome = 'success' | 'failure';
export type AuditQuery = Partial<
	Record<Exclude<(typeof TEXT_FILTERS)[number], 'outcome'> | 'from' | 'to', string>
> & { outcome?: Outcome };
export type FormValues = Partial<
	Record<(typeof TEXT_FILTERS)[number] | 'fromDate' | 'toDate', string>
>;

export const PAGE_SIZE = '50';

const DAY_MS = 24 * 60 * 60_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's values as they are in the URL (empty ones dropped). */
export function formValues(params: URLSearchParams): FormValues {
	const out: FormValues = {};
	for (const key of [...TEXT_FILTERS, 'fromDate', 'toDate'] as const) {
		const value = params.get(key)?.trim();
		if (value) out[key] = value;
	}
	return out;
}

/**
 * The API query for the form's values. Dates are whole local days: "to" includes the
 * day it names, so it becomes the start of the next day (the API's `to` is exclusive).
 */
export function apiQuery(values: FormValues): AuditQuery {
	const { fromDate, toDate, outcome, ...text } = values;
	const query: AuditQuery = { ...text };
	if (outcome === 'success' || outcome === 'failure') query.outcome = outcome;
	if (fromDate && DATE.test(fromDate)) query.from = localMidnight(fromDate).toISOString();
	if (toDate && DATE.test(toDate)) {
		query.to = new Date(localMidnight(toDate).getTime() + DAY_MS).toISOString();
	}
	return query;
}

function localMidnight(date: string): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d);
}
