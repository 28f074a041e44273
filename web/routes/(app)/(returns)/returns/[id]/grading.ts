// What inspection offers, in the words the bench reads: one list for the single-unit form
// and the grade-several form (the API's enums: worker/features/returns/receiving/schemas.ts).
export const GRADES = [
	['new', 'New'],
	['opened', 'Opened'],
	['damaged', 'Damaged'],
	['defective', 'Defective'],
	['empty_box', 'Empty box']
] as const;

export const DISPOSITIONS = [
	['restock', 'Restock as sellable'],
	['restock_open_box', 'Restock as open box'],
	['quarantine', 'Keep in quarantine'],
	['return_to_vendor', 'Return to vendor'],
	['repair', 'Repair'],
	['donate', 'Donate'],
	['dispose', 'Dispose'],
	['return_to_customer', 'Send back to the customer']
] as const;

export type Grade = (typeof GRADES)[number][0];
export type Disposition = (typeof DISPOSITIONS)[number][0];
