import type { DemoUser } from '../../scripts/seed/demo-users';

/** The rep the returns journeys sign in as (created by the e2e server's seed). */
export const RETURNS_REP: DemoUser = {
	email: 'returns-rep@ordo.test',
	name: 'Robin Okafor',
	role: 'support',
	password: 'ordo-e2e-kettle-lamp-2026'
};
