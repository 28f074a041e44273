// Per device, like the home location: a shared phone keeps its owner's choice, and no
// server round trip stands between a scan and its beep.
const KEY = 'ordo.scan-sound';

class ScanSettings {
	/** Tones on scans; vibration stays (a muted phone in a pocket still buzzes). */
	sound = $state(read());

	setSound(on: boolean): void {
		this.sound = on;
		try {
			localStorage.setItem(KEY, on ? 'on' : 'off');
		} catch {
			// Private mode or full storage: the choice lasts this session.
		}
	}
}

function read(): boolean {
	try {
		return globalThis.localStorage?.getItem(KEY) !== 'off';
	} catch {
		return true;
	}
}

export const scanSettings = new ScanSettings();
