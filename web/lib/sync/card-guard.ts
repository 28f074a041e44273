import { findCardNumbers } from '../../../worker/lib/card-data';
import type { Problem } from '../problem';

/**
 * Whether any text in a piece of work holds a card number (the API's own detector, so the
 * two never disagree). Such work is never written to the device's outbox: a card number
 * must not be stored anywhere (PCI DSS 3.3), IndexedDB on a phone included.
 */
export function holdsCardNumber(value: unknown): boolean {
	if (typeof value === 'string') return findCardNumbers(value).length > 0;
	if (Array.isArray(value)) return value.some(holdsCardNumber);
	if (value && typeof value === 'object') return Object.values(value).some(holdsCardNumber);
	return false;
}

export const CARD_NUMBER_REFUSED: Problem = {
	type: 'urn:ordo:problem:card-number',
	title: 'That looks like a card number',
	status: 422,
	detail:
		'Ordo never keeps card numbers, so this was not saved. Scan or type the item’s barcode instead.'
};
