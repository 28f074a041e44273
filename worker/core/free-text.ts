import * as v from 'valibot';
import { containsCardNumber } from '../lib/card-data';
import { MULTI_LINE, unreadableCharacter } from './readable-text';

const CARD_MESSAGE =
	'Card numbers must not be entered in Ordo. Remove it; payments are taken on the payment page.';

/**
 * Free text a person typed (notes, reasons, names, addresses). Card numbers are refused
 * before anything is stored (PCI DSS 3.3/3.4, DESIGN §5), however they are written (see
 * worker/lib/card-data.ts). One line unless `multiLine` (notes, addresses, messages): only
 * then may it hold line breaks and tabs. Control characters are refused in either case;
 * input() already does that for every string of a request, this keeps the rule for text
 * that arrives another way (CSV rows, outbox items).
 */
export function freeText(max: number, min = 0, { multiLine = false } = {}) {
	return v.pipe(
		v.string(),
		v.trim(),
		v.minLength(min, min > 0 ? 'This field is required' : undefined),
		v.maxLength(max, `Use at most ${max} characters`),
		v.check(
			(s) => unreadableCharacter(s, { multiLine }) === null,
			(issue) => unreadableCharacter(String(issue.input), { multiLine }) ?? ''
		),
		v.check((s) => !containsCardNumber(s), CARD_MESSAGE),
		v.metadata(multiLine ? MULTI_LINE : {})
	);
}
