import { redirect } from '@sveltejs/kit';

// Home is the product search until the other areas have pages of their own.
export function load() {
	redirect(307, '/products');
}
