/**
 * Draws Ordo's app icons into static/icons/ (run: `npx tsx scripts/make-icons.ts`).
 * PNGs are encoded here with node:zlib, so making icons needs no image library or
 * native build. The PNGs are committed; rerun this only when the design changes.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const BRAND: Rgba = [0x1f, 0x4e, 0x5f, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [0xf2, 0xb8, 0x4b, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const SAMPLES = 4; // 4×4 samples a pixel for smooth edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const out = Buffer.alloc(body.length + 8);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeUInt32BE(crc32(body), body.length + 4);
	return out;
}

function encodePng(size: number, rgba: Uint8Array): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		rows[y * (size * 4 + 1)] = 0; // filter: none
		rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', new Uint8Array())
	]);
}

/** The colour at a point of the unit square (0..1): what the icon looks like. */
type Shape = (x: number, y: number) => Rgba;

function glyph(x: number, y: number, scale: number): Rgba | null {
	const dx = (x - 0.5) / scale;
	const dy = (y - 0.5) / scale;
	const r = Math.hypot(dx, dy);
	// An amber dot on the ring, lower right: an order on its way.
	if (Math.hypot(dx - 0.2, dy - 0.2) < 0.085) return AMBER;
	if (r > 0.2 && r < 0.31) return WHITE;
	return null;
}

function roundedSquare(x: number, y: number, radius: number): boolean {
	const cx = Math.min(Math.max(x, radius), 1 - radius);
	const cy = Math.min(Math.max(y, radius), 1 - radius);
	return Math.hypot(x - cx, y - cy) <= radius;
}

// "any" icons: a rounded tile. Maskable: full bleed, the glyph inside the 80% safe circle.
const anyIcon: Shape = (x, y) => (roundedSquare(x, y, 0.2) ? (glyph(x, y, 1) ?? BRAND) : CLEAR);
const maskableIcon: Shape = (x, y) => glyph(x, y, 0.8) ?? BRAND;
// iOS home screen: opaque and full bleed (iOS rounds the corners itself and fills any
// transparency with black), 180 px for today's iPhones.
const appleIcon: Shape = (x, y) => glyph(x, y, 0.9) ?? BRAND;

function render(size: number, shape: Shape): Uint8Array {
	const out = new Uint8Array(size * size * 4);
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			const sum = [0, 0, 0, 0];
			for (let sy = 0; sy < SAMPLES; sy++) {
				for (let sx = 0; sx < SAMPLES; sx++) {
					const [r, g, b, a] = shape(
						(px + (sx + 0.5) / SAMPLES) / size,
						(py + (sy + 0.5) / SAMPLES) / size
					);
					// Premultiply so transparent samples do not darken the edge.
					sum[0]! += r * a;
					sum[1]! += g * a;
					sum[2]! += b * a;
					sum[3]! += a;
				}
			}
			const i = (py * size + px) * 4;
			const alpha = sum[3]!;
			out[i] = alpha ? Math.round(sum[0]! / alpha) : 0;
			out[i + 1] = alpha ? Math.round(sum[1]! / alpha) : 0;
			out[i + 2] = alpha ? Math.round(sum[2]! / alpha) : 0;
			out[i + 3] = Math.round(alpha / SAMPLES ** 2);
		}
	}
	return out;
}

const icons: [string, number, Shape][] = [
	['icon-192.png', 192, anyIcon],
	['icon-512.png', 512, anyIcon],
	['maskable-512.png', 512, maskableIcon],
	['apple-touch-icon.png', 180, appleIcon]
];

for (const [name, size, shape] of icons) {
	const path = new URL(`../static/icons/${name}`, import.meta.url);
	writeFileSync(path, encodePng(size, render(size, shape)));
	console.log(`wrote static/icons/${name}`);
}
