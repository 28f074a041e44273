import { registerConstraintError } from '../../../core/constraint-errors';
import { Conflict } from '../../../core/errors';

/**
 * The database's return_exceeds_shipped guard (migration 0028) as a 409 a person can act
 * on, for returns and claims alike. Registered here rather than edited into
 * constraint-errors.ts so the returns helpers' branches merge cleanly; if that file maps
 * it too, both say the same. Without it the RAISE surfaced as "constraint-violated".
 */
export function registerReturnExceedsShipped(): void {
	registerConstraintError(
		'return_exceeds_shipped',
		() =>
			new Conflict(
				'return-exceeds-shipped',
				'More than was shipped',
				'A return or claim can take back at most what was shipped minus what is already returned, requested or claimed. Reload the order and lower the quantities.'
			)
	);
}
