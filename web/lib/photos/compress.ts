// Photos are shrunk on the device before they travel (issue 11 evidence): a phone's 12 MP,
// 4 MB original becomes a ~300 KB JPEG, which a warehouse's weak signal sends in a second
// and the 2 MB server limit takes. Drawing onto a canvas and encoding again also leaves
// behind everything the camera wrote into the file (EXIF: GPS position, device serial);
// the server strips it too, for clients that do not do this.

/** The longest side a kept photo has: enough to read a label or see a scratch. */
export const MAX_SIDE = 1600;
export const QUALITY = 0.8;

/** The size that fits within `max` on its longest side, never enlarged. */
export function fitWithin(width: number, height: number, max = MAX_SIDE) {
	const scale = Math.min(1, max / Math.max(width, height));
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/**
 * The photo as a JPEG at most MAX_SIDE on its longest side. JPEG rather than WebP: every
 * browser's canvas encodes it (Safari's gives PNG when asked for WebP). `imageOrientation`
 * turns a phone's sideways sensor image upright before the EXIF saying so is dropped.
 */
export async function compressPhoto(file: Blob): Promise<Blob> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	const { width, height } = fitWithin(bitmap.width, bitmap.height);
	try {
		if (typeof OffscreenCanvas !== 'undefined') {
			const canvas = new OffscreenCanvas(width, height);
			canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
			return await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
		}
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be encoded'))),
				'image/jpeg',
				QUALITY
			)
		);
	} finally {
		bitmap.close();
	}
}
