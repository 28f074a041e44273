// Photos by their bytes, not by what the client says they are (OWASP file upload: check the
// content, not the Content-Type), and without the metadata a camera writes into them: EXIF
// carries the GPS position of the receiving bench and the phone's serial number. The
// browser re-encodes every photo before upload (which drops it all); this is the server's
// own guarantee for any client. Only whole metadata segments are removed, the pixels are
// the bytes the client sent. Anything that does not walk as its format says is refused.

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (bytes: Uint8Array, at: number, length: number) =>
	String.fromCharCode(...bytes.subarray(at, at + length));

/** The image type the magic bytes say, or null for anything else. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return 'image/jpeg';
	if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
	if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
		return 'image/webp';
	return null;
}

/** The image without its metadata segments, or null when its structure is broken. */
export function stripImageMetadata(bytes: Uint8Array, type: ImageType): Uint8Array | null {
	if (type === 'image/jpeg') return stripJpeg(bytes);
	if (type === 'image/png') return stripPng(bytes);
	return stripWebp(bytes);
}

function join(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

// JPEG: APP1 (EXIF, XMP), APP3–APP13 (IPTC and vendor blocks), APP15 and comments go;
// APP0 (JFIF), APP2 (the ICC colour profile) and APP14 (Adobe's colour transform, needed
// to decode CMYK files) stay. Everything from the start of scan on is image data.
const JPEG_DROPPED = (marker: number) =>
	marker === 0xe1 || (marker >= 0xe3 && marker <= 0xed) || marker === 0xef || marker === 0xfe;

function stripJpeg(bytes: Uint8Array): Uint8Array | null {
	const parts = [bytes.subarray(0, 2)];
	let at = 2;
	while (at + 1 < bytes.length) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1]!;
		if (marker === 0xff) {
			at += 1; // fill byte
			continue;
		}
		if (marker === 0xda || marker === 0xd9) {
			parts.push(bytes.subarray(at));
			return join(parts);
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			parts.push(bytes.subarray(at, at + 2));
			at += 2;
			continue;
		}
		if (at + 4 > bytes.length) return null;
		const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
		const end = at + 2 + length;
		if (length < 2 || end > bytes.length) return null;
		if (!JPEG_DROPPED(marker)) parts.push(bytes.subarray(at, end));
		at = end;
	}
	return null; // no image data
}

// PNG: text chunks (tEXt, zTXt, iTXt: where tools put GPS and comments), eXIf and tIME go.
const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const parts = [bytes.subarray(0, 8)];
	let at = 8;
	while (at + 12 <= bytes.length) {
		const length = view.getUint32(at);
		const type = ascii(bytes, at + 4, 4);
		const end = at + 12 + length;
		if (end > bytes.length) return null;
		if (!PNG_DROPPED.has(type)) parts.push(bytes.subarray(at, end));
		at = end;
		if (type === 'IEND') return join(parts);
	}
	return null; // no IEND
}

// WebP: the EXIF and XMP chunks go, and VP8X's flags stop announcing them.
function stripWebp(bytes: Uint8Array): Uint8Array | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const parts: Uint8Array[] = [];
	let at = 12;
	while (at + 8 <= bytes.length) {
		const fourcc = ascii(bytes, at, 4);
		const size = view.getUint32(at + 4, true);
		const end = at + 8 + size + (size % 2);
		if (at + 8 + size > bytes.length) return null;
		const chunk = bytes.slice(at, Math.min(end, bytes.length));
		if (fourcc === 'VP8X' && size >= 1) chunk[8] = chunk[8]! & ~0x0c; // EXIF 0x08, XMP 0x04
		if (fourcc !== 'EXIF' && fourcc !== 'XMP ') parts.push(chunk);
		at = end;
	}
	if (parts.length === 0) return null;
	const body = join(parts);
	const out = new Uint8Array(12 + body.length);
	out.set(bytes.subarray(0, 12));
	new DataView(out.buffer).setUint32(4, 4 + body.length, true);
	out.set(body, 12);
	return out;
}
