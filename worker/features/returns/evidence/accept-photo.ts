import { Invalid, UnsupportedMediaType } from '../../../core/errors';
import {
	IMAGE_TYPES,
	sniffImage,
	stripImageMetadata,
	type ImageType
} from '../../../lib/image-bytes';

const NAMES: Record<ImageType, string> = {
	'image/jpeg': 'JPEG',
	'image/png': 'PNG',
	'image/webp': 'WebP'
};
const TAKEN = 'Send a JPEG, PNG or WebP photo as the request body, with its Content-Type.';

/**
 * The photo as Ordo keeps it, or a 415/422 in words: the Content-Type must be one of the
 * three image types AND the bytes must be that type (magic bytes, then a walk of its
 * structure); camera metadata (EXIF and GPS, XMP, text chunks) is removed.
 */
export function acceptPhoto(
	body: Uint8Array,
	contentType: string | undefined
): { bytes: Uint8Array; type: ImageType } {
	if (body.length === 0)
		throw new Invalid('photo-missing', 'No photo in the request', TAKEN, {
			body: ['Empty: attach the photo']
		});
	const declared = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	if (!(IMAGE_TYPES as readonly string[]).includes(declared))
		throw new UnsupportedMediaType(
			'photo-type-not-accepted',
			'Only JPEG, PNG or WebP photos can be kept',
			`${declared ? `"${declared.slice(0, 60)}" is` : 'A body without a Content-Type is'} not one of them. ${TAKEN}`
		);
	const type = declared as ImageType;
	const sniffed = sniffImage(body);
	if (sniffed !== type)
		throw new UnsupportedMediaType(
			'photo-not-an-image',
			`This file is not a ${NAMES[type]} image`,
			sniffed
				? `Its bytes are a ${NAMES[sniffed]} image: send it with Content-Type ${sniffed}.`
				: `Its bytes are not an image Ordo takes. ${TAKEN}`
		);
	const bytes = stripImageMetadata(body, type);
	if (!bytes)
		throw new UnsupportedMediaType(
			'photo-unreadable',
			`This ${NAMES[type]} image is damaged or cut short`,
			'Take or choose the photo again and send it whole.'
		);
	return { bytes, type };
}
