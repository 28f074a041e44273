import type { FieldCheck } from './internal';
import { cleanText, normaliseDateOfBirth } from './normalise';

// The profile's own fields as they are stored: text cleaned (trim, NFC), the date checked,
// tags cleaned and de-duplicated case-insensitively. `undefined` means "not sent" (an
// update leaves it), `null` means "clear it".

type Fields = {
	givenName?: string | null;
	familyName?: string | null;
	name?: string | null;
	preferredName?: string | null;
	dateOfBirth?: string | null;
	notes?: string | null;
	country?: string | null;
	tags?: string[];
};

const clean = (value: string | null | undefined) =>
	value === undefined ? undefined : cleanText(value);

export function profileFields(check: FieldCheck, input: Fields, today: Date) {
	const dateOfBirth =
		input.dateOfBirth == null || cleanText(input.dateOfBirth) === null
			? clean(input.dateOfBirth)
			: check.take('dateOfBirth', normaliseDateOfBirth(input.dateOfBirth, today));
	return {
		givenName: clean(input.givenName),
		familyName: clean(input.familyName),
		name: clean(input.name),
		preferredName: clean(input.preferredName),
		dateOfBirth,
		notes: input.notes === undefined ? undefined : input.notes?.normalize('NFC').trim() || null,
		country: clean(input.country),
		tags: input.tags && cleanTags(input.tags)
	};
}

function cleanTags(tags: string[]): string[] {
	const byKey = new Map<string, string>();
	for (const raw of tags) {
		const tag = cleanText(raw);
		if (tag && !byKey.has(tag.toLowerCase())) byKey.set(tag.toLowerCase(), tag);
	}
	return [...byKey.values()];
}
