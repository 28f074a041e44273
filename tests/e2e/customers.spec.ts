import { expect, test } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { signIn } from './fixtures';
import { callApi } from './staff';

// A rep at the tablet: finds a caller by a phone number typed the way people say it, edits
// the profile, and creates a customer the search does not know, in the customer pages and
// inline in a new phone order.
test.use({ storageState: SIGNED_OUT });

test('a rep finds a customer by phone typed differently, edits the profile, and creates customers', async ({
	page
}, testInfo) => {
	test.setTimeout(90_000);
	await signIn(page, 'support');
	// A demo customer with a UK mobile, stored as +447700900…: the rep types 07700 900….
	const found = await callApi(page, 'GET', '/api/customers?q=%2B447700');
	const customer = (found.body.items as { id: string; name: string; phone: string }[])[0]!;
	const national = `0${customer.phone.slice(3, 7)} ${customer.phone.slice(7)}`;

	await page.getByRole('link', { name: 'Customers' }).first().click();
	await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
	await page.getByLabel(/Name, email, phone/).fill(national);
	const results = page.getByRole('list', { name: 'Customers found' });
	const hit = results.getByRole('link', { name: new RegExp(customer.name) }).first();
	await expect(hit).toContainText('Phone:');
	// The digits typed are marked in the number as it was stored, whichever way that was.
	await expect(hit.locator('mark').first()).toBeVisible();
	const marked = (await hit.locator('mark').allTextContents()).join('').replace(/\D/g, '');
	expect(marked).toBe(customer.phone.slice(3));
	await hit.click();

	// List and profile side by side on the tablet.
	await expect(page.getByRole('heading', { name: customer.name, level: 2 })).toBeVisible();
	await expect(results).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('1-found-by-phone.png') });

	await page.getByRole('button', { name: 'Edit' }).click();
	const edit = page.getByRole('dialog', { name: /Edit/ });
	await edit.getByLabel('Preferred name').fill('Sunny');
	await edit.getByLabel('Tags').fill('trade, e2e');
	await edit.getByRole('button', { name: 'Save' }).click();
	await expect(edit).toBeHidden();
	await expect(page.getByText('call them “Sunny”')).toBeVisible();
	await expect(page.getByText('e2e', { exact: true })).toBeVisible();

	await page.getByRole('button', { name: 'Add phone' }).click();
	const add = page.getByRole('dialog', { name: 'Add phone' });
	await add.getByLabel('Phone').fill('not a number');
	await add.getByRole('button', { name: 'Add' }).click();
	await expect(add).toContainText('digits');
	await add.getByLabel('Phone').fill('020 7946 0123');
	await add.getByRole('button', { name: 'Add' }).click();
	await expect(add).toBeHidden();
	await expect(page.getByRole('list', { name: 'Phones' })).toContainText('020 7946 0123');
	await page.screenshot({ path: testInfo.outputPath('2-edited.png') });

	// Someone the shop does not know yet.
	const unique = `Zeb${crypto.randomUUID().replace(/\d/g, '').slice(0, 6)}`;
	await page.goto('/customers');
	await page.getByLabel(/Name, email, phone/).fill(`Quentin ${unique}`);
	await expect(page.getByText(`No customer matches “Quentin ${unique}”`)).toBeVisible();
	await page.getByRole('button', { name: 'New customer' }).click();
	const form = page.getByRole('form', { name: 'New customer' });
	await expect(form.getByLabel('Family name')).toHaveValue(unique);
	await form.getByLabel('Email').fill(`quentin.${unique}@example.test`);
	await form.getByRole('button', { name: 'Create customer' }).click();
	await expect(page.getByRole('heading', { name: `Quentin ${unique}`, level: 2 })).toBeVisible();

	// And inline in a new phone order.
	await page.goto('/orders/new');
	await page.getByLabel('Find the customer').fill(`Rosa ${unique}`);
	await page.getByRole('button', { name: 'Create a new customer' }).click();
	await page
		.getByRole('form', { name: 'New customer' })
		.getByLabel('Phone')
		.fill('+44 20 7946 0456');
	await page.getByRole('button', { name: 'Create customer' }).click();
	await expect(page.getByTestId('chosen-customer')).toContainText(`Rosa ${unique}`);
	await expect(page.getByTestId('chosen-customer')).toContainText('+442079460456');
	await page.screenshot({ path: testInfo.outputPath('3-new-order-customer.png') });
});
