import type { ReportPeriod } from './schemas';

const DAY_MS = 86_400_000;

export type Window = { fromMs: number; toMs: number; days: number; from: string; to: string };

/** `days` whole UTC days ending with `to` (today when absent): [from 00:00, to + 1 day 00:00). */
export function reportWindow(input: Pick<ReportPeriod, 'to' | 'days'>, now: number): Window {
	const to = input.to ?? new Date(now).toISOString().slice(0, 10);
	const toMs = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
	const fromMs = toMs - input.days * DAY_MS;
	return {
		fromMs,
		toMs,
		days: input.days,
		from: new Date(fromMs).toISOString().slice(0, 10),
		to
	};
}
