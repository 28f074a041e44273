import type { Role } from '../../db/schema/auth';
import { seededFaker } from './random';

export type DemoUser = { email: string; name: string; role: Role; password: string };

const faker = seededFaker();
const person = () => `${faker.person.firstName()} ${faker.person.lastName()}`;

/**
 * Demo credentials, one account per role. They are public on purpose: `npm start` prints
 * them so anyone trying Ordo on a laptop can sign in. They exist only in databases the demo
 * seed created; a real deployment creates its staff with `npm run ordo -- user create`.
 * Each passes the password policy (12+ characters, not common, not the user's name or email).
 */
export const DEMO_USERS: readonly DemoUser[] = [
	{ email: 'admin@ordo.test', name: person(), role: 'admin', password: 'ordo-demo-keys-2026' },
	{ email: 'manager@ordo.test', name: person(), role: 'manager', password: 'ordo-demo-lead-2026' },
	{ email: 'support@ordo.test', name: person(), role: 'support', password: 'ordo-demo-help-2026' },
	{
		email: 'warehouse@ordo.test',
		name: person(),
		role: 'warehouse',
		password: 'ordo-demo-pick-2026'
	}
];
