// "as of 10:42" on the day it was read, "as of 28 Nov, 10:42" before: a worker reads
// at a glance how old a last-known figure is. 24-hour clock, the device's zone.
const time = new Intl.DateTimeFormat(undefined, {
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export function formatAsOf(iso: string, now: Date = new Date()): string {
	const at = new Date(iso);
	const sameDay = at.toDateString() === now.toDateString();
	return sameDay ? time.format(at) : `${day.format(at)}, ${time.format(at)}`;
}
