import { describe, expect, it } from 'vitest';
import { sniffImage, stripImageMetadata } from './image-bytes';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const has = (b: Uint8Array | null, text: string) => Buffer.from(b!).includes(Buffer.from(text));
const u32be = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => u32be(n).reverse();

// The smallest structures each format walks as: enough to show what goes and what stays.
const JFIF = [0xff, 0xe0, 0, 7, ...Buffer.from('JFIF\0')];
const EXIF = [0xff, 0xe1, 0, 12, ...Buffer.from('Exif\0\0GPS!')];
const COMMENT = [0xff, 0xfe, 0, 6, ...Buffer.from('home')];
const ICC = [0xff, 0xe2, 0, 6, ...Buffer.from('ICC!')];
const SCAN = [0xff, 0xda, 0, 4, 1, 2, 0xab, 0xcd, 0xff, 0xd9];
const jpeg = (...segments: number[][]) => bytes([0xff, 0xd8], ...segments, SCAN);

const pngChunk = (type: string, data: string) =>
	bytes(u32be(data.length), type, data, [0, 0, 0, 0]);
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (...chunks: Uint8Array[]) =>
	new Uint8Array([...PNG_SIG, ...chunks.flatMap((c) => [...c])]);

const riff = (...chunks: number[][]) => {
	const body = chunks.flat();
	return bytes('RIFF', u32le(4 + body.length), 'WEBP', body);
};
const webpChunk = (fourcc: string, data: number[]) => [
	...Buffer.from(fourcc),
	...u32le(data.length),
	...data,
	...(data.length % 2 ? [0] : [])
];

describe('sniffImage (magic bytes, not the Content-Type)', () => {
	it('knows JPEG, PNG and WebP and nothing else', () => {
		expect(sniffImage(jpeg())).toBe('image/jpeg');
		expect(sniffImage(png(pngChunk('IEND', '')))).toBe('image/png');
		expect(sniffImage(riff())).toBe('image/webp');
		expect(sniffImage(bytes('GIF89a'))).toBeNull();
		expect(sniffImage(bytes('<svg xmlns='))).toBeNull();
		expect(sniffImage(bytes('RIFF\0\0\0\0WAVE'))).toBeNull();
		expect(sniffImage(new Uint8Array(0))).toBeNull();
	});
});

describe('stripImageMetadata', () => {
	it('JPEG: drops EXIF (APP1) and comments, keeps JFIF, ICC and the scan', () => {
		const out = stripImageMetadata(jpeg(JFIF, EXIF, ICC, COMMENT), 'image/jpeg');
		expect(has(out, 'GPS!')).toBe(false);
		expect(has(out, 'home')).toBe(false);
		expect(out).toEqual(jpeg(JFIF, ICC));
	});

	it('JPEG: a segment running past the end, or no scan, is unreadable', () => {
		expect(stripImageMetadata(bytes([0xff, 0xd8, 0xff, 0xe1, 0x10, 0]), 'image/jpeg')).toBeNull();
		expect(stripImageMetadata(bytes([0xff, 0xd8], JFIF), 'image/jpeg')).toBeNull();
		expect(stripImageMetadata(bytes([0xff, 0xd8, 0x00, 0x01]), 'image/jpeg')).toBeNull();
	});

	it('PNG: drops text, eXIf and tIME chunks, keeps the image chunks', () => {
		const ihdr = pngChunk('IHDR', '0123456789abc');
		const idat = pngChunk('IDAT', 'pixels');
		const iend = pngChunk('IEND', '');
		const out = stripImageMetadata(
			png(ihdr, pngChunk('tEXt', 'GPS\0here'), pngChunk('eXIf', 'MM'), idat, iend),
			'image/png'
		);
		expect(out).toEqual(png(ihdr, idat, iend));
		expect(stripImageMetadata(png(ihdr, idat), 'image/png')).toBeNull();
	});

	it('WebP: drops EXIF and XMP chunks, clears their VP8X flags, fixes the RIFF size', () => {
		const vp8x = (flags: number) => webpChunk('VP8X', [flags, 0, 0, 0, 1, 0, 0, 1, 0, 0]);
		const image = webpChunk('VP8L', [1, 2, 3]);
		const out = stripImageMetadata(
			riff(
				vp8x(0x0c | 0x10),
				image,
				webpChunk('EXIF', [...Buffer.from('GPS!')]),
				webpChunk('XMP ', [1])
			),
			'image/webp'
		);
		expect(has(out, 'GPS!')).toBe(false);
		expect(out).toEqual(riff(vp8x(0x10), image));
		expect(
			stripImageMetadata(riff(webpChunk('VP8L', [1, 2, 3]).slice(0, 9)), 'image/webp')
		).toBeNull();
	});
});
