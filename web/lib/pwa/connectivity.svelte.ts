/**
 * Whether the browser thinks it has a network. `navigator.onLine` can say true on
 * a captive Wi-Fi, so pages still treat a failed request as offline (status 0);
 * this only drives the indicator, never a decision to skip a request.
 */
export class Connectivity {
	online = $state(true);

	start(): () => void {
		const update = () => {
			this.online = navigator.onLine;
		};
		update();
		addEventListener('online', update);
		addEventListener('offline', update);
		return () => {
			removeEventListener('online', update);
			removeEventListener('offline', update);
		};
	}
}

export const connectivity = new Connectivity();
