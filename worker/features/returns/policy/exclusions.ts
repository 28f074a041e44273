/**
 * The legal exclusions from the right of withdrawal, as data (EU Directive 2011/83/EU
 * art. 16; the UK's Consumer Contracts Regulations 2013 reg. 28 mirror them). The shop
 * marks products or categories with a kind (`legalExclusions` in the policy document);
 * this module decides whether the law then does NOT require a return, and says why in
 * words. It never refuses a return by itself: the shop's own rule still decides, and may
 * allow it. Faulty goods are another right (conformity) and are never excluded here.
 *
 * Two kinds depend on the seal: the law's right ends only once a sealed item is unsealed
 * after delivery. Until someone says so (the rep records the customer's word, or
 * inspection grades the item anything but new) the withdrawal stands.
 */
import type { LegalMinimum } from './markets';

export const LEGAL_EXCLUSION_KINDS = [
	'sealed_hygiene',
	'personalised',
	'perishable',
	'sealed_media'
] as const;
export type LegalExclusionKind = (typeof LEGAL_EXCLUSION_KINDS)[number];

type Exclusion = { what: string; sealed: boolean; article: Record<string, string> };

const EXCLUSIONS: Record<LegalExclusionKind, Exclusion> = {
	personalised: {
		what: 'goods made to the customer’s specifications or clearly personalised',
		sealed: false,
		article: { EU: 'art. 16(c)', GB: 'reg. 28(1)(b)' }
	},
	perishable: {
		what: 'goods liable to deteriorate or expire rapidly',
		sealed: false,
		article: { EU: 'art. 16(d)', GB: 'reg. 28(1)(c)' }
	},
	sealed_hygiene: {
		what: 'sealed goods not suitable for return for health protection or hygiene reasons',
		sealed: true,
		article: { EU: 'art. 16(e)', GB: 'reg. 28(3)(a)' }
	},
	sealed_media: {
		what: 'sealed audio or video recordings or computer software',
		sealed: true,
		article: { EU: 'art. 16(i)', GB: 'reg. 28(3)(b)' }
	}
};

/** What the law says about an excluded item, in words, and whether it still requires a return. */
export type ExclusionVerdict = {
	kind: LegalExclusionKind;
	/** True: the law does not require this return (the shop's rule decides). */
	excluded: boolean;
	/** A sealed kind whose seal is not known to be broken: the withdrawal stands for now. */
	dependsOnSeal: boolean;
	citation: string;
	text: string;
};

export function legalExclusion(
	law: Pick<LegalMinimum, 'market' | 'name'>,
	kind: LegalExclusionKind,
	{ unsealed }: { unsealed: boolean }
): ExclusionVerdict {
	const e = EXCLUSIONS[kind];
	const source =
		law.market === 'GB' ? 'Consumer Contracts Regulations 2013' : 'Directive 2011/83/EU';
	const citation = `${source}, ${e.article[law.market] ?? e.article.EU}`;
	if (e.sealed && !unsealed)
		return {
			kind,
			excluded: false,
			dependsOnSeal: true,
			citation,
			text: `These are ${e.what}: the ${law.name} holds while the seal is intact; if the item comes back unsealed, the law no longer requires the return and the shop's rules decide (${citation}).`
		};
	const how = e.sealed ? `${e.what}, unsealed after delivery` : e.what;
	return {
		kind,
		excluded: true,
		dependsOnSeal: false,
		citation,
		text: `The law does not require this return: the ${law.name} does not cover ${how} (${citation}). The shop's rules decide.`
	};
}

/** Whether a grade means the item came back unsealed (anything but new). */
export function gradeMeansUnsealed(grade: string): boolean {
	return grade !== 'new';
}
