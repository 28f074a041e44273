import type { client } from '$lib/api';
import type { InferResponseType } from 'hono/client';

export type CustomerPage = InferResponseType<(typeof client.customers)['$get'], 200>;
export type CustomerHit = CustomerPage['items'][number];
export type CustomerProfile = InferResponseType<(typeof client.customers)[':id']['$get'], 200>;

export const FIELD_LABELS: Record<NonNullable<CustomerHit['matched']>['field'], string> = {
	name: 'Name',
	email: 'Email',
	phone: 'Phone',
	postcode: 'Postcode',
	order: 'Order',
	externalId: 'External id',
	number: 'Customer number'
};

/**
 * The parts of `value` to mark for `query`: each query word (letters and digits, accents and
 * case ignored) where it starts a word of the value; for a phone, the typed digits wherever
 * they run in the value's digits. Pure, so the list highlights without knowing the index.
 */
export function highlight(value: string, query: string): { text: string; hit: boolean }[] {
	const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	const words = fold(query).match(/[\p{L}\p{N}]+/gu) ?? [];
	const folded = fold(value);
	const marks = new Array<boolean>(value.length).fill(false);
	// Folding can change lengths (rare ligatures): mark only when it did not.
	if (folded.length !== value.length || words.length === 0) return [{ text: value, hit: false }];
	for (const word of words) {
		const re = new RegExp(
			`(^|[^\\p{L}\\p{N}])(${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`,
			'gu'
		);
		for (const m of folded.matchAll(re)) {
			const start = m.index + m[1]!.length;
			for (let i = start; i < start + word.length; i++) marks[i] = true;
		}
	}
	// A phone typed any way: its digits (less leading zeros) wherever they run in the value's.
	const digits = query.replace(/\D/g, '').replace(/^0+/, '');
	if (/^[+(\d][\d\s().\-/]*$/.test(query.trim()) && digits.length >= 3) {
		const at = [...value].flatMap((ch, i) => (/\d/.test(ch) ? [i] : []));
		const inValue = at.map((i) => value[i]).join('');
		// "+44 20 7946" against a national "020 7946 …": try without a 1–3 digit country code.
		for (const skip of [0, 2, 1, 3]) {
			const run = digits.slice(skip);
			const start = run.length >= 3 ? inValue.indexOf(run) : -1;
			if (start < 0) continue;
			for (const i of at.slice(start, start + run.length)) marks[i] = true;
			break;
		}
	}
	const parts: { text: string; hit: boolean }[] = [];
	for (let i = 0; i < value.length; i++) {
		const last = parts.at(-1);
		if (last && last.hit === marks[i]) last.text += value[i];
		else parts.push({ text: value[i]!, hit: marks[i]! });
	}
	return parts;
}
