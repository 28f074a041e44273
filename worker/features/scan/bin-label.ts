/**
 * A bin label: `<LOCATION CODE>:<BIN>` ("MAIN:A-03-2") names one bin at one location;
 * the bin alone ("A-03-2") names that bin wherever it is used. Bins are
 * `stock_levels.bin`, written as they are printed.
 */
export function parseBinLabel(code: string): { location: string | null; bin: string } {
	const at = code.indexOf(':');
	if (at <= 0 || at === code.length - 1) return { location: null, bin: code };
	return { location: code.slice(0, at).toUpperCase(), bin: code.slice(at + 1) };
}
