/**
 * Return windows in UTC calendar days. A window of N days from an event ends at the last
 * millisecond of the Nth day after the event's day (the event's own day is not counted, as
 * EU Regulation 1182/71 counts periods), so "delivered 29 Nov, 14 days" runs to 13 Dec
 * 23:59:59.999. The shop's time zone is not considered: UTC is the generous-enough common
 * ground and keeps the engine pure.
 */
import type { HolidayExtension } from './document';
import { parseDay } from './document';

export const DAY = 86_400_000;
export type WindowFrom = 'delivery' | 'shipment' | 'order';

export type Window = {
	days: number;
	from: WindowFrom;
	fromAt: number;
	/** The last millisecond inside the window (holiday extension included). */
	deadline: number;
	/** The holiday extension that moved the deadline, when one did. */
	extension: string | null;
};

export function startOfDay(at: number): number {
	return Math.floor(at / DAY) * DAY;
}

export function daysBetween(from: number, to: number): number {
	return Math.round((startOfDay(to) - startOfDay(from)) / DAY);
}

/** Delivery, falling back to shipment, then to the order date when nothing was scanned. */
export function windowStart(
	delivered: number | null,
	shipped: number | null,
	placed: number
): { from: WindowFrom; fromAt: number } {
	if (delivered !== null) return { from: 'delivery', fromAt: delivered };
	if (shipped !== null) return { from: 'shipment', fromAt: shipped };
	return { from: 'order', fromAt: placed };
}

export function windowOf(
	days: number,
	start: { from: WindowFrom; fromAt: number },
	placedAt: number,
	extensions: HolidayExtension[] = []
): Window {
	const deadline = startOfDay(start.fromAt) + (days + 1) * DAY - 1;
	const held = holidayDeadline(extensions, placedAt);
	if (held && held.deadline > deadline)
		return { days, ...start, deadline: held.deadline, extension: held.label };
	return { days, ...start, deadline, extension: null };
}

/** The latest returnBy (end of that day) among extensions whose range holds placedAt. */
export function holidayDeadline(
	extensions: HolidayExtension[],
	placedAt: number
): { deadline: number; label: string } | null {
	let best: { deadline: number; label: string } | null = null;
	const year = new Date(placedAt).getUTCFullYear();
	for (const h of extensions) {
		// A --MM-DD range may have started last year (--12-20 to --01-05).
		for (const startYear of h.placedFrom.startsWith('--') ? [year - 1, year] : [year]) {
			const from = parseDay(h.placedFrom, startYear);
			let to = parseDay(h.placedTo, startYear);
			if (from === null || to === null) continue;
			if (to < from) to = parseDay(h.placedTo, startYear + 1);
			if (to === null || placedAt < from || placedAt >= to + DAY) continue;
			let by = parseDay(h.returnBy, new Date(to).getUTCFullYear());
			if (by !== null && by < to) by = parseDay(h.returnBy, new Date(to).getUTCFullYear() + 1);
			if (by === null) continue;
			const deadline = by + DAY - 1;
			if (!best || deadline > best.deadline) best = { deadline, label: h.label };
		}
	}
	return best;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "12 Oct", with the year when it is not the year of `now`. */
export function formatDay(at: number, now: number): string {
	const d = new Date(at);
	const base = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
	return d.getUTCFullYear() === new Date(now).getUTCFullYear()
		? base
		: `${base} ${d.getUTCFullYear()}`;
}

/** "delivered 41 days ago", "shipped today", "ordered 1 day ago". */
export function sinceWords(from: WindowFrom, fromAt: number, now: number): string {
	const verb = { delivery: 'delivered', shipment: 'shipped', order: 'ordered' }[from];
	const n = daysBetween(fromAt, now);
	if (n === 0) return `${verb} today`;
	if (n < 0) return `${verb} ${formatDay(fromAt, now)}`;
	return `${verb} ${n} day${n === 1 ? '' : 's'} ago`;
}

/** Why the window does not count from delivery, when it does not. */
export function fallbackWords(from: WindowFrom): string | null {
	if (from === 'shipment') return 'no delivery scan, so counted from shipment';
	if (from === 'order') return 'no delivery or shipment scan, so counted from the order date';
	return null;
}
