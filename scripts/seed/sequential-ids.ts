// Synthetic rows number in the millions. Random (v4) UUID keys land all over the primary
// key B-tree, so each insert touches a cold page; ids that sort in insertion order append
// instead, several times faster on a large table. These are RFC 9562 UUIDv7 values with a
// fixed timestamp and a counter in the random bits (its "dedicated counter" method), so
// they are valid, unique within a seed, deterministic, and sort in insertion order.
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function sequentialIds(timestampMs: number, stream: number): () => string {
	const time = hex(timestampMs, 12);
	let counter = 0;
	return () => {
		const n = counter++;
		// 12 bits of stream in rand_a, then the variant and a 58-bit counter in rand_b.
		const high = Math.floor(n / 2 ** 32);
		const low = n % 2 ** 32;
		return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(stream & 0xfff, 3)}-${hex(0x8000 | (high >>> 16), 4)}-${hex(high & 0xffff, 4)}${hex(low, 8)}`;
	};
}
