import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, signIn, typeInto } from './support/browser';

/** The form field (label, control and its message) whose label starts with `label`. */
const field = (page: Page, label: string) => page.locator('.field').filter({ has: page.getByLabel(label, { exact: false }) });

/** What the focused control is called: its label's text, else its accessible name. */
const focused = (page: Page) =>
	page.evaluate(() => {
		const element = document.activeElement as HTMLInputElement | null;
		const label = element?.labels?.[0]?.childNodes[0]?.textContent ?? element?.getAttribute('aria-label') ?? element?.textContent;
		return label?.trim() ?? null;
	});

/** Names that no earlier run of the suite on this database used. */
const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

describe('catalog: customers, technicians, service types, API keys', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it('a dispatcher adds a customer with a vehicle and an address, and finds them by searching', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, 'dispatcher@northwind.test');
		await page.goto('/customers');
		const name = unique('Lakeview Dental');

		await page.getByRole('button', { name: 'Add customer' }).click();
		const form = page.getByRole('form', { name: 'Customer' });
		await form.getByLabel('Name').fill(name);
		await form.getByLabel('Email').fill('not-an-email');
		await form.getByLabel('Phone').fill('555-0199');
		await form.getByLabel('Fleet account').check();
		await form.getByRole('button', { name: 'Create customer' }).click();
		await expect.poll(() => field(page, 'Email').locator('.field-error').textContent()).toBe('Not an email address');

		await form.getByLabel('Email').fill('office@lakeview.example');
		await form.getByRole('button', { name: 'Create customer' }).click();
		await page.getByRole('heading', { name }).waitFor();
		expect(new URL(page.url()).pathname).toMatch(/^\/customers\/.+/);

		await page.getByRole('button', { name: 'Add vehicle' }).click();
		const vehicle = page.getByRole('form', { name: 'New vehicle' });
		await vehicle.getByLabel('Year').fill('2021');
		await vehicle.getByLabel('Make').fill('Ford');
		await vehicle.getByLabel('Model').fill('Transit');
		await vehicle.getByLabel('License plate').fill('LKV 221');
		await vehicle.getByRole('button', { name: 'Add vehicle' }).click();
		const vehicles = page.getByRole('region', { name: 'Vehicles' });
		await vehicles.getByText('2021 Ford Transit').waitFor();

		// Add an address from the keyboard: the form opens with the focus in its first field, Tab goes on.
		await page.getByRole('button', { name: 'Add address' }).click();
		const address = page.getByRole('form', { name: 'New service address' });
		await expect.poll(() => focused(page)).toBe('Label');
		await page.keyboard.type('Clinic');
		for (const [label, text] of [['Street', '410 Lake St'], ['City', 'Chicago'], ['State / region', 'IL']]) {
			await page.keyboard.press('Tab');
			expect(await focused(page)).toBe(label);
			await page.keyboard.type(text!);
		}
		await typeInto(address.getByLabel('Access notes'), 'Gate code 2468, park in bay 3');
		// No postal code: the form says so next to that field before asking the API, and nothing is added.
		await address.getByRole('button', { name: 'Add address' }).click();
		await expect.poll(() => field(page, 'Postal code').locator('.field-error').textContent()).toBe('Enter the postal code');
		// The message is announced, and read with the field it is about.
		expect(await address.getByRole('alert').allInnerTexts()).toEqual(['Enter the postal code']);
		const postalCode = address.getByLabel('Postal code');
		expect(await postalCode.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator(`[id="${await postalCode.getAttribute('aria-describedby')}"]`).textContent()).toBe('Enter the postal code');
		// One too long: the API refuses it, and its message shows next to that field.
		await typeInto(address.getByLabel('Postal code'), '6'.repeat(21));
		await address.getByRole('button', { name: 'Add address' }).click();
		await expect.poll(() => field(page, 'Postal code').locator('.field-error').textContent()).toMatch(/20 characters/);
		expect(await page.getByRole('region', { name: 'Service addresses' }).getByRole('list').count()).toBe(0);
		await typeInto(address.getByLabel('Postal code'), '60601');
		await page.keyboard.press('Enter');
		const addresses = page.getByRole('region', { name: 'Service addresses' });
		await addresses.getByText('Gate code 2468, park in bay 3').waitFor();
		// Saved: the focus is back on the button that opened the form.
		await expect.poll(() => focused(page)).toBe('Add address');

		// Edit the address: the focus goes into the form, the change shows once saved, the focus returns to Edit.
		await addresses.getByRole('button', { name: 'Edit Clinic' }).click();
		const edit = page.getByRole('form', { name: 'Edit Clinic' });
		await expect.poll(() => focused(page)).toBe('Label');
		await typeInto(edit.getByLabel('Access notes'), 'Gate code 1357');
		await edit.getByRole('button', { name: 'Save address' }).click();
		await addresses.getByText('Gate code 1357').waitFor();
		await expect.poll(() => focused(page)).toBe('Edit Clinic');
		// Cancelling an edit returns the focus the same way.
		await addresses.getByRole('button', { name: 'Edit Clinic' }).click();
		await page.getByRole('form', { name: 'Edit Clinic' }).getByRole('button', { name: 'Cancel' }).click();
		await expect.poll(() => focused(page)).toBe('Edit Clinic');

		// It is all stored: a reload shows it, and the search finds the customer.
		await page.reload();
		await page.getByRole('region', { name: 'Vehicles' }).getByText('2021 Ford Transit').waitFor();
		expect(await page.getByRole('region', { name: 'Service addresses' }).innerText()).toContain('410 Lake St, Chicago, IL 60601');
		await page.goto('/customers');
		await page.getByRole('searchbox', { name: 'Search customers' }).fill('lakeview');
		await expect.poll(() => page.locator('tbody tr').allInnerTexts()).toEqual([expect.stringContaining(name)]);

		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('an invalid service type price shows an error next to the price field, and nothing is saved until it is fixed', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, 'dispatcher@northwind.test');
		await page.goto('/settings/service-types');
		const name = unique('Wiper Blade Fitting');

		await page.getByRole('button', { name: 'Add service type' }).click();
		const form = page.getByRole('form', { name: 'New service type' });
		await form.getByLabel('Name').fill(name);
		await form.getByLabel('Default duration (minutes)').fill('20');

		// Not an amount: refused before it is sent.
		await form.getByLabel('Default price (USD)').fill('twenty');
		await form.getByRole('button', { name: 'Add service type' }).click();
		await expect.poll(() => field(page, 'Default price').locator('.field-error').textContent()).toContain('Enter an amount');

		// An amount the API refuses: its typed error lands on the same field.
		await form.getByLabel('Default price (USD)').fill('-5');
		await form.getByRole('button', { name: 'Add service type' }).click();
		await expect.poll(() => field(page, 'Default price').locator('.field-error').textContent()).toBe('A price cannot be negative');
		expect(await field(page, 'Name').locator('.field-error').count()).toBe(0);
		expect(await page.getByText(name).count()).toBe(0);

		await form.getByLabel('Default price (USD)').fill('24.50');
		await form.getByRole('button', { name: 'Add service type' }).click();
		const row = page.getByRole('listitem').filter({ hasText: name });
		await row.waitFor();
		expect(await row.innerText()).toContain('$24.50');
		expect(await row.innerText()).toContain('20 min');

		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('archives a service type, lists it under "Show archived", restores it, and deletes an unused one', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, 'dispatcher@northwind.test');
		await page.goto('/settings/service-types');
		const name = unique('Cabin Filter');

		await page.getByRole('button', { name: 'Add service type' }).click();
		const form = page.getByRole('form', { name: 'New service type' });
		await form.getByLabel('Name').fill(name);
		await form.getByLabel('Default price (USD)').fill('35');
		await form.getByLabel('Default duration (minutes)').fill('15');
		await form.getByRole('button', { name: 'Add service type' }).click();
		const row = page.getByRole('listitem').filter({ hasText: name });
		await row.waitFor();

		await row.getByRole('button', { name: `Archive ${name}` }).click();
		await expect.poll(() => row.count()).toBe(0);
		await page.getByLabel('Show archived').check();
		await expect.poll(() => row.textContent()).toContain('Archived');

		await row.getByRole('button', { name: `Restore ${name}` }).click();
		await expect.poll(() => row.textContent()).not.toContain('Archived');

		await row.getByRole('button', { name: `Delete ${name}` }).click();
		await row.getByRole('button', { name: 'Yes, delete' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: name }).textContent()).toBe(`“${name}” is deleted.`);
		await expect.poll(() => row.count()).toBe(0);

		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('deleting a service type that work orders use archives it instead', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, 'dispatcher@northwind.test');
		await page.goto('/settings/service-types');
		const row = page.getByRole('listitem').filter({ hasText: 'Brake Inspection' });

		await row.getByRole('button', { name: 'Delete Brake Inspection' }).click();
		await row.getByRole('button', { name: 'Yes, delete' }).click();
		const answer = page.getByRole('status').or(page.getByRole('alert')).filter({ hasNotText: 'Loading' });
		await answer.first().waitFor();
		expect(await answer.first().textContent()).toContain('“Brake Inspection” is used by work orders, so it was archived instead of deleted.');
		await page.getByLabel('Show archived').check();
		await expect.poll(() => row.textContent()).toContain('Archived');

		// Put it back for the other tests of this run.
		await row.getByRole('button', { name: 'Restore Brake Inspection' }).click();
		await expect.poll(() => row.textContent()).not.toContain('Archived');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('a dispatcher adds a technician with a schedule color, then switches them off', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, 'dispatcher@northwind.test');
		await page.goto('/technicians');
		const name = unique('Rosa Jimenez');

		// The form opens with the focus in its first field; saved, the focus is back on the button.
		await page.getByRole('button', { name: 'Add technician' }).click();
		const form = page.getByRole('form', { name: 'New technician' });
		await expect.poll(() => focused(page)).toBe('Name');
		await page.keyboard.type(name);
		await typeInto(form.getByLabel('Phone'), '555-0188');
		await form.getByLabel('Schedule color').fill('#0ea5e9'); // a color picker: no keystrokes to type
		await form.getByRole('button', { name: 'Add technician' }).click();
		const row = page.getByRole('listitem').filter({ hasText: name });
		await row.waitFor();
		await expect.poll(() => focused(page)).toBe('Add technician');
		await row.getByRole('button', { name: `Edit ${name}` }).click();
		await expect.poll(() => focused(page)).toBe('Name');
		await page.getByRole('form', { name: `Edit ${name}` }).getByRole('button', { name: 'Cancel' }).click();
		await expect.poll(() => focused(page)).toBe(`Edit ${name}`);
		expect(await row.locator('.swatch').evaluate((swatch) => getComputedStyle(swatch).backgroundColor)).toBe('rgb(14, 165, 233)');

		await row.getByRole('switch', { name: `${name} active` }).uncheck();
		await expect.poll(() => row.textContent()).toContain('Inactive');
		await page.reload();
		await expect.poll(() => page.getByRole('switch', { name: `${name} active` }).isChecked()).toBe(false);

		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('an admin creates an API key with its scopes and sees its secret once, the keyboard focus following the form', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await signIn(page, 'admin@northwind.test');
		await page.goto('/settings/api-keys');
		const name = unique('Accounting sync');

		const opener = page.getByRole('button', { name: 'Create API key' });
		await opener.focus();
		await page.keyboard.press('Enter');
		const form = page.getByRole('form', { name: 'New API key' });
		// The keyboard lands in the form's Name, and comes back to the button that opened it once the key is made.
		await expect.poll(() => form.getByLabel('Name').evaluate((input) => input === document.activeElement)).toBe(true);
		await page.keyboard.type(name);
		await form.getByRole('checkbox', { name: /^Write work orders/ }).check();
		await form.getByRole('button', { name: 'Create key' }).click();

		const panel = page.getByRole('region', { name: 'New API key secret' });
		await expect.poll(() => opener.evaluate((button) => button === document.activeElement)).toBe(true);
		const secret = (await panel.getByTestId('new-secret').textContent())!.trim();
		expect(secret).toMatch(/^dk_/);
		expect(await panel.innerText()).toContain('shown only this once');
		await panel.getByRole('button', { name: 'Copy' }).click();
		await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

		const row = page.locator('tbody tr').filter({ hasText: name });
		expect(await row.innerText()).toMatch(/Read\s+Write work orders/);
		const prefix = (await row.locator('code').textContent())!.replace('…', '');
		expect(secret.startsWith(prefix)).toBe(true);

		// The secret works against the API, as the key.
		const { viewer } = await api(`{ viewer { kind scopes } }`, {}, secret);
		expect(viewer).toEqual({ kind: 'API_KEY', scopes: expect.arrayContaining(['READ', 'WRITE_WORK_ORDERS']) });

		// Once dismissed, or after a reload, the secret is nowhere on the page.
		await panel.getByRole('button', { name: 'I have saved it' }).click();
		await expect.poll(() => opener.evaluate((button) => button === document.activeElement)).toBe(true);
		expect(await page.content()).not.toContain(secret);
		await page.reload();
		await page.locator('tbody tr').filter({ hasText: name }).waitFor();
		expect(await page.content()).not.toContain(secret);

		// Revoked, it stops working.
		// Asked first, in one sentence; "Keep it" keeps it working.
		await row.getByRole('button', { name: `Revoke ${name}` }).click();
		const question = page.getByRole('alertdialog');
		expect(await question.innerText()).toContain(`Revoke “${name}”? Anything using this key stops working at once, and it cannot be undone.`);
		await question.getByRole('button', { name: 'Keep it' }).click();
		await expect.poll(() => question.count()).toBe(0);
		expect(await row.textContent()).not.toContain('Revoked');
		expect((await api(`{ viewer { kind } }`, {}, secret)).viewer).toEqual({ kind: 'API_KEY' });
		await row.getByRole('button', { name: `Revoke ${name}` }).click();
		await question.getByRole('button', { name: 'Revoke key' }).click();
		await expect.poll(() => row.textContent()).toContain('Revoked');
		expect((await api(`{ viewer { kind } }`, {}, secret)).viewer).toBeNull();

		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
