type Located = { locationId: string };

/**
 * A product's locations with this device's home location first and the rest in the
 * order given (by code). With no home chosen, or one the list does not know (a
 * location since removed), the order is left as it is: the first location is home.
 */
export function homeFirst<T extends Located>(stock: T[], homeId: string | null): T[] {
	const home = stock.find((s) => s.locationId === homeId);
	return home ? [home, ...stock.filter((s) => s !== home)] : stock;
}
