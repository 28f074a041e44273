import * as v from 'valibot';
import { containsCardNumber } from '../lib/card-data';

const CARD_MESSAGE =
	'Card numbers must not be entered in Ordo. Remove it; payments are taken on the payment page.';

/**
 * Free text a person typed (notes, reasons, names, addresses). Card numbers are
 * refused before anything is stored (PCI DSS 3.3/3.4, DESIGN §5).
 */
export function freeText(max: number, min = 0) {
	return v.pipe(
		v.string(),
		v.trim(),
		v.minLength(min, min > 0 ? 'This field is required' : undefined),
		v.maxLength(max, `Use at most ${max} characters`),
		v.check((s) => !containsCardNumber(s), CARD_MESSAGE)
	);
}
