import { error } from '@sveltejs/kit';

// An address inside the app that names no page (/orders before it exists, a typo)
// gets the app's own not-found page, in the app bar and navigation, not a bare one.
export function load() {
	error(404, { message: 'There is no page at this address.' });
}
