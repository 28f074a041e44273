// gzip over Web streams (workerd, Node ≥ 18 and browsers all have them), with a ceiling on
// what a decompressed body may grow to, so a small upload cannot expand without bound.

export class TooLarge extends Error {}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
	const binary = atob(b64);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

/** The text inside gzip `bytes`; TooLarge past `maxBytes`, an Error when it is not gzip. */
export async function gunzipText(
	bytes: Uint8Array<ArrayBuffer>,
	maxBytes: number
): Promise<string> {
	const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let size = 0;
	let text = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw new TooLarge(`larger than ${maxBytes} bytes when decompressed`);
		}
		text += decoder.decode(value, { stream: true });
	}
	return text + decoder.decode();
}
