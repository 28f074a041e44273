// The reasons tree as pages use it (the typed client flattens a recursive type to JSON).
export type ReasonNode = {
	code: string;
	parentCode: string | null;
	label: string;
	defective: boolean;
	damagedOnArrival: boolean;
	shopFault: boolean;
	claimOnly: boolean;
	active: boolean;
	sortOrder: number;
	children: ReasonNode[];
};
