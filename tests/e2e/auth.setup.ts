import { test as setup } from '@playwright/test';
import { WAREHOUSE_STATE } from './auth-state';
import { signIn } from './fixtures';

// One sign-in for the journeys that start signed in: sign-ins are rate limited per
// account, and a form sign-in per test would measure scrypt, not the app.
setup('sign in as the warehouse picker', async ({ page }) => {
	await signIn(page, 'warehouse');
	await page.context().storageState({ path: WAREHOUSE_STATE });
});
