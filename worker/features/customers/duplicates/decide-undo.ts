import { Conflict } from '../../../core/errors';

export type UndoSnapshot = {
	undoneAt: number | null;
	survivor: {
		id: string;
		number: string;
		name: string;
		version: number;
		mergedInto: string | null;
	};
	survivorVersion: number;
	merged: {
		id: string;
		number: string;
		version: number;
		mergedInto: string | null;
		erasedAt: number | null;
	}[];
	/** Orders the merge moved that are no longer on the survivor. */
	ordersElsewhere: string[];
};

/**
 * Whether a merge can still be undone: only if nothing since depends on it. Throws a 409
 * that names each blocker in words; returns nothing when undo may go ahead.
 */
export function decideUndo(s: UndoSnapshot): void {
	if (s.undoneAt !== null)
		throw new Conflict('merge-undone', 'Already undone', 'This merge was already undone.');
	const blockers: string[] = [];
	if (s.survivor.mergedInto)
		blockers.push(
			`${s.survivor.name} (#${s.survivor.number}) was itself merged into another profile since: undo that merge first`
		);
	else if (s.survivor.version !== s.survivorVersion)
		blockers.push(
			`${s.survivor.name} (#${s.survivor.number}) was edited after the merge; undoing would lose that edit`
		);
	for (const m of s.merged) {
		if (m.erasedAt) blockers.push(`#${m.number} was erased on request since`);
		else if (m.mergedInto !== s.survivor.id)
			blockers.push(`#${m.number} is no longer a tombstone of this merge`);
	}
	if (s.ordersElsewhere.length)
		blockers.push(
			`order${s.ordersElsewhere.length > 1 ? 's' : ''} ${s.ordersElsewhere.join(', ')} moved to another customer since`
		);
	if (blockers.length)
		throw new Conflict(
			'merge-undo-blocked',
			'This merge can no longer be undone',
			`${blockers.join('; ')}.`
		);
}
