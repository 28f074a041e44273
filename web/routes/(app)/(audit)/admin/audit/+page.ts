import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { session } from '$lib/auth/session.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import { apiQuery, formValues, PAGE_SIZE } from './filters';
import type { AuditPage } from './types';
import type { PageLoad } from './$types';

const EMPTY: AuditPage = { items: [], nextCursor: null };

// Each load is an `audit.view` entry in the log itself (PCI DSS 10.2.1.3).
export const load: PageLoad = async ({ url, parent }) => {
	// The app layout has confirmed who this is (and so their permissions) first.
	await parent();
	const values = formValues(url.searchParams);
	const query = apiQuery(values);
	const [listed, people] = await Promise.all([
		loadFromApi(() => entries(query)),
		// The people picker; without users.manage the filter stays a plain field.
		session.can('users.manage')
			? request(client.users.$get()).then(
					({ items }) => items.map(({ id, name, email }) => ({ id, name, email })),
					() => null
				)
			: null
	]);
	return { values, query, people, ...listed };
};

/** A filter the API refuses (a typed address, an old link) is shown beside the form, not instead of the page. */
async function entries(
	query: ReturnType<typeof apiQuery>
): Promise<{ page: AuditPage; filterProblem: Problem | null }> {
	try {
		const page = await request(client.audit.$get({ query: { ...query, limit: PAGE_SIZE } }));
		return { page, filterProblem: null };
	} catch (error) {
		if (error instanceof ApiProblem && (error.status === 400 || error.status === 422)) {
			return { page: EMPTY, filterProblem: error.problem };
		}
		throw error;
	}
}
