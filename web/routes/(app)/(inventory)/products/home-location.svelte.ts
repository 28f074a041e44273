// The location this device stands in, chosen once and kept in localStorage: a phone
// lives in one place (the shop floor, the warehouse), so per device, not per person,
// and no server state. Until someone chooses, the first location by code is home
// (MAIN in the demo), the one the lists already put first.
const STORAGE_KEY = 'ordo.home-location';

function readStored(): string | null {
	try {
		return localStorage.getItem(STORAGE_KEY);
	} catch {
		return null;
	}
}

export class HomeLocation {
	id = $state<string | null>(typeof localStorage === 'undefined' ? null : readStored());

	choose(id: string): void {
		this.id = id;
		try {
			localStorage.setItem(STORAGE_KEY, id);
		} catch {
			// Private mode or a full quota: this page still knows until it closes.
		}
	}
}

export const homeLocation = new HomeLocation();
