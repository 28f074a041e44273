const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, locale?: string): Intl.NumberFormat {
	const key = `${locale ?? ''}:${currency}`;
	let format = moneyFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, { style: 'currency', currency });
		moneyFormats.set(key, format);
	}
	return format;
}

/**
 * Money arrives as integer minor units (DESIGN §3). The number of minor digits
 * comes from the currency (GBP 2, JPY 0, KWD 3), never an assumed 100.
 */
export function formatMoney(minor: number, currency: string, locale?: string): string {
	const format = moneyFormat(currency, locale);
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(minor / 10 ** digits);
}

export function formatCount(n: number, locale?: string): string {
	return new Intl.NumberFormat(locale).format(n);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
	return dateTime.format(new Date(iso));
}
