/**
 * One SVG path for a QR matrix (`true` = dark module): each run of dark modules in a
 * row is one rectangle. One element instead of hundreds keeps the DOM small, and
 * drawing it ourselves means the secret never leaves the page for a QR service.
 */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
	const parts: string[] = [];
	modules.forEach((row, y) => {
		let x = 0;
		while (x < row.length) {
			if (!row[x]) {
				x++;
				continue;
			}
			const start = x;
			while (x < row.length && row[x]) x++;
			parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
		}
	});
	return parts.join('');
}
