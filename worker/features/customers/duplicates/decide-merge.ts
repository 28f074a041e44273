import { Conflict, Invalid, NotFound } from '../../../core/errors';
import type { GroupConsent, GroupCustomer, GroupEmail, GroupPhone } from './group';
import { MERGE_FIELDS, type MergeCustomers, type MergeField } from './schemas';

type Moved = { id: string; from: string };

export type MergePlan = {
	survivor: GroupCustomer;
	merged: GroupCustomer[];
	fields: Record<MergeField, string | null> & { name: string; notes: string | null };
	emails: { move: Moved[]; drop: (GroupEmail & { customerId: string })[]; primary: string | null };
	phones: { move: Moved[]; drop: (GroupPhone & { customerId: string })[]; primary: string | null };
	addresses: Moved[];
	externalIds: { system: string; value: string; from: string }[];
	tags: string[];
	consents: GroupConsent[];
	orders: (Moved & { number: string })[];
};

const label = (c: GroupCustomer) => `${c.name} (#${c.number})`;

function checkGroup(group: GroupCustomer[], ids: string[], input: MergeCustomers) {
	for (const id of ids) {
		const c = group.find((g) => g.id === id);
		if (!c)
			throw new NotFound('customer-not-found', 'No such customer', `There is no customer ${id}.`);
		if (c.mergedInto)
			throw new Conflict(
				'customer-already-merged',
				'Already merged',
				`${label(c)} was already merged into another profile.`
			);
		if (c.erasedAt)
			throw new Conflict(
				'customer-erased',
				'Erased profile',
				`${label(c)} was erased on request and cannot be merged.`
			);
		const seen = input.versions?.[id];
		if (seen !== undefined && seen !== c.version)
			throw new Conflict(
				'customer-changed',
				'Changed since you compared',
				`${label(c)} was changed since you compared the profiles: reload to see what changed.`
			);
	}
}

/** Consents: per channel, the most restrictive wins (any withdrawal beats any grant); the latest of that kind is kept. */
export function mergeConsents(group: GroupCustomer[]): GroupConsent[] {
	const channels = [...new Set(group.flatMap((c) => c.consents.map((x) => x.channel)))].sort();
	return channels.map((channel) => {
		const all = group.flatMap((c) => c.consents.filter((x) => x.channel === channel));
		const refusals = all.filter((x) => !x.granted);
		const pool = refusals.length ? refusals : all;
		return pool.reduce((latest, x) => (x.at > latest.at ? x : latest));
	});
}

function chooseFields(group: GroupCustomer[], survivor: GroupCustomer, input: MergeCustomers) {
	const errors: Record<string, string[]> = {};
	const fields = {} as Record<MergeField, string | null>;
	for (const field of MERGE_FIELDS) {
		const chosen = input.fields[field];
		const from = chosen
			? group.find((c) => c.id === chosen)
			: [survivor, ...group].find((c) => c[field]);
		if (chosen && !from) errors[`fields.${field}`] = ['Choose one of the profiles being merged'];
		fields[field] = from?.[field] ?? null;
	}
	if (Object.keys(errors).length)
		throw new Invalid('invalid-merge', 'Check the merge choices', undefined, errors);
	const name = [fields.givenName, fields.familyName].filter(Boolean).join(' ') || survivor.name;
	const notes = [survivor, ...group.filter((c) => c !== survivor)]
		.filter((c) => c.notes)
		.map((c) => (c === survivor ? c.notes! : `From #${c.number}: ${c.notes}`))
		.join('\n\n');
	return { ...fields, name, notes: notes || null };
}

function contacts<T extends { id: string; isPrimary: boolean }>(
	survivor: GroupCustomer,
	merged: GroupCustomer[],
	rows: (c: GroupCustomer) => T[],
	key: (row: T) => string,
	chosen: string | undefined,
	field: string
) {
	const kept = new Set(rows(survivor).map(key));
	const move: Moved[] = [];
	const drop: (T & { customerId: string })[] = [];
	for (const c of merged)
		for (const row of rows(c)) {
			// Already on the survivor: the unique (customer, value) index allows one; undo restores it.
			if (kept.has(key(row))) drop.push({ ...row, customerId: c.id });
			else {
				kept.add(key(row));
				move.push({ id: row.id, from: c.id });
			}
		}
	if (chosen !== undefined && !kept.has(chosen))
		throw new Invalid('invalid-merge', 'Check the merge choices', undefined, {
			[field]: ['Choose one of the profiles’ own values']
		});
	const current =
		rows(survivor).find((r) => r.isPrimary) ?? merged.flatMap(rows).find((r) => r.isPrimary);
	return { move, drop, primary: chosen ?? (current ? key(current) : null) };
}

/** What a merge does, decided from one snapshot of the group (pure: the write follows it). */
export function decideMerge(group: GroupCustomer[], input: MergeCustomers): MergePlan {
	const mergedIds = [...new Set(input.mergedIds)];
	if (mergedIds.includes(input.survivorId))
		throw new Invalid('invalid-merge', 'Check the merge choices', undefined, {
			mergedIds: ['The survivor cannot also be one of the profiles merged into it']
		});
	checkGroup(group, [input.survivorId, ...mergedIds], input);
	const survivor = group.find((c) => c.id === input.survivorId)!;
	const merged = mergedIds.map((id) => group.find((c) => c.id === id)!);
	const all = [survivor, ...merged];
	const survivorTags = new Set(survivor.tags);
	return {
		survivor,
		merged,
		fields: chooseFields(all, survivor, input),
		emails: contacts(
			survivor,
			merged,
			(c) => c.emails,
			(e) => e.email,
			input.primaryEmail?.trim().toLowerCase(),
			'primaryEmail'
		),
		phones: contacts(
			survivor,
			merged,
			(c) => c.phones,
			(p) => p.e164,
			input.primaryPhone,
			'primaryPhone'
		),
		addresses: merged.flatMap((c) => c.addresses.map((a) => ({ id: a.id, from: c.id }))),
		externalIds: merged.flatMap((c) => c.externalIds.map((x) => ({ ...x, from: c.id }))),
		tags: [...new Set(merged.flatMap((c) => c.tags))].filter((t) => !survivorTags.has(t)),
		consents: mergeConsents(all),
		orders: merged.flatMap((c) => c.orders.map((o) => ({ ...o, from: c.id })))
	};
}
