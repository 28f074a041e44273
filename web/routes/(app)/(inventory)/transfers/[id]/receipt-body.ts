/** The receipt a phone sends: units counted now per product (0 and blanks left out), and when. */
export function receiptBody(counts: Record<string, number>, at = new Date()) {
	const lines = Object.entries(counts)
		.filter(([, q]) => Number.isInteger(q) && q > 0)
		.map(([productId, quantity]) => ({ productId, quantity }));
	return { lines, deviceTime: at.toISOString() };
}
