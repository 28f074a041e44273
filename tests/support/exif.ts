// Camera metadata to put into test photos (issue 11 evidence), with Web APIs only, so the
// Node, edge (workerd) and browser tests share it.

/** Text a phone writes into EXIF that must never be kept (a GPS position, the device). */
export const GPS_MARK = 'GPS 51.5007N 0.1246W bench-7';

/**
 * The JPEG with an APP1 Exif segment after its start: a big-endian TIFF header and IFD0
 * with one ImageDescription entry holding GPS_MARK (as a phone would put GPS, in an IFD).
 */
export function withExif(jpeg: Uint8Array): Uint8Array<ArrayBuffer> {
	const text = new TextEncoder().encode(`${GPS_MARK}\0`);
	const tiff = new Uint8Array(8 + 2 + 12 + 4 + text.length);
	const view = new DataView(tiff.buffer);
	tiff.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]); // MM, 42, IFD0 at 8
	view.setUint16(8, 1); // one entry
	view.setUint16(10, 0x010e); // ImageDescription
	view.setUint16(12, 2); // ASCII
	view.setUint32(14, text.length);
	view.setUint32(18, 26); // value offset
	view.setUint32(22, 0); // no next IFD
	tiff.set(text, 26);
	const exif = new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...tiff]);
	const segment = new Uint8Array(4 + exif.length);
	segment.set([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]);
	segment.set(exif, 4);
	return new Uint8Array([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

/** Whether the bytes hold the text anywhere (Web APIs only: the edge tests use it too). */
export function contains(bytes: Uint8Array, text: string): boolean {
	const needle = new TextEncoder().encode(text);
	outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
		for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
		return true;
	}
	return false;
}
