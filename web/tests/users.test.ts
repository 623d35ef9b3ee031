import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const ADMIN = 'admin@northwind.test';
const DISPATCHER = 'dispatcher@northwind.test';
const WAIT = { timeout: 10_000 };
const unique = Math.random().toString(36).slice(2, 6);

const row = (page: Page, text: string) => page.getByTestId('user-row').filter({ hasText: text });

/** Signs in with an email and password typed on the login page; returns the page's alert if it stays there. */
async function signInWith(page: Page, email: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('Email').click();
	await page.keyboard.type(email);
	await page.getByLabel('Password').click();
	await page.keyboard.type(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('users (admins only)', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it('invites a dispatcher with a first password shown once, who signs in; deactivating them signs them out and keeps them out', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, ADMIN);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
		await page.waitForURL('**/settings/users');
		await row(page, DISPATCHER).waitFor();

		await page.getByRole('button', { name: 'Invite user' }).click();
		const form = page.getByRole('form', { name: 'New user' });
		await form.getByLabel('Name').click();
		await page.keyboard.type('Nico Newhire');
		const email = `nico-${unique}@northwind.test`;
		await form.getByLabel('Email').click();
		await page.keyboard.type(email);
		expect(await form.getByLabel('Role').inputValue()).toBe('DISPATCHER');
		await form.getByRole('button', { name: 'Create user' }).click();

		const password = await page.getByTestId('initial-password').innerText();
		await expect.poll(() => row(page, email).innerText(), WAIT).toContain('Active');
		await screenshot(page, 'users-invited');
		await page.getByRole('button', { name: 'Done' }).click();

		const newcomer = await openPage(browser);
		await signInWith(newcomer.page, email, password);
		await newcomer.page.waitForURL('**/schedule**');

		await row(page, email).getByRole('button', { name: 'Deactivate Nico Newhire' }).click();
		await expect.poll(() => row(page, email).innerText(), WAIT).toContain('Deactivated');
		// Their open session no longer works (the page sends them to sign in, saying so), and signing in again is refused.
		await newcomer.page.goto('/work-orders');
		await newcomer.page.waitForURL('**/login');
		await newcomer.page.getByRole('status').filter({ hasText: 'You were signed out' }).waitFor();
		await signInWith(newcomer.page, email, password);
		await newcomer.page.getByRole('alert').filter({ hasText: /wrong email or password/i }).waitFor();

		await row(page, email).getByRole('button', { name: 'Reactivate Nico Newhire' }).click();
		await expect.poll(() => row(page, email).innerText(), WAIT).toContain('Active');
		await signInWith(newcomer.page, email, password);
		await newcomer.page.waitForURL('**/schedule**');
		expectNoConsoleErrors(consoleErrors);
		await newcomer.context.close();
		await context.close();
	});

	it('makes a dispatcher an admin, offers no change of their own login, and refuses a taken email', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, ADMIN);
		await page.goto('/settings/users');
		await row(page, DISPATCHER).waitFor();

		await page.getByRole('button', { name: 'Invite user' }).click();
		const form = page.getByRole('form', { name: 'New user' });
		await form.getByLabel('Name').click();
		await page.keyboard.type('Ola Office');
		const email = `ola-${unique}@northwind.test`;
		await form.getByLabel('Email').click();
		await page.keyboard.type(email);
		await form.getByRole('button', { name: 'Create user' }).click();
		await page.getByRole('button', { name: 'Done' }).click();

		await row(page, email).getByLabel('Role of Ola Office').selectOption('ADMIN');
		await expect.poll(() => row(page, email).getByLabel('Role of Ola Office').inputValue(), WAIT).toBe('ADMIN');
		await page.reload();
		await expect.poll(() => row(page, email).getByLabel('Role of Ola Office').inputValue(), WAIT).toBe('ADMIN');

		// Their own row offers no role select and no Deactivate, which the API would refuse; another office login's does.
		await expect.poll(() => row(page, ADMIN).innerText(), WAIT).toContain('Admin');
		expect(await row(page, ADMIN).getByRole('combobox').count()).toBe(0);
		expect(await row(page, ADMIN).getByRole('button').count()).toBe(0);
		expect(await row(page, DISPATCHER).getByRole('combobox').count()).toBe(1);
		expect(await row(page, DISPATCHER).getByRole('button', { name: /^Deactivate / }).count()).toBe(1);

		await page.getByRole('button', { name: 'Invite user' }).click();
		await form.getByLabel('Name').click();
		await page.keyboard.type('Dana Twice');
		await form.getByLabel('Email').click();
		await page.keyboard.type(DISPATCHER);
		await form.getByRole('button', { name: 'Create user' }).click();
		await form.getByText('This email cannot be used for a new login').waitFor();
		expect(await page.getByTestId('initial-password').count()).toBe(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps the keyboard focus: Invite user puts it in Name, and cancelling, creating or dismissing the password gives it back to Invite user', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, ADMIN);
		await page.goto('/settings/users');
		await row(page, DISPATCHER).waitFor();
		const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? document.activeElement?.tagName);
		const form = page.getByRole('form', { name: 'New user' });

		await page.getByRole('button', { name: 'Invite user' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => form.getByLabel('Name').evaluate((input) => input === document.activeElement), WAIT).toBe(true);
		await form.getByRole('button', { name: 'Cancel' }).click();
		await expect.poll(focused, WAIT).toBe('Invite user');

		await page.keyboard.press('Enter');
		await expect.poll(() => form.getByLabel('Name').evaluate((input) => input === document.activeElement), WAIT).toBe(true);
		await page.keyboard.type('Fay Focus');
		await form.getByLabel('Email').click();
		await page.keyboard.type(`fay-${unique}@northwind.test`);
		await page.keyboard.press('Enter');
		await page.getByTestId('initial-password').waitFor();
		await expect.poll(focused, WAIT).toBe('Invite user');
		await page.getByRole('button', { name: 'Done' }).click();
		await expect.poll(focused, WAIT).toBe('Invite user');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('sends a dispatcher who opens the users page to their start page, showing none of it', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto('/settings/users');
		await page.waitForURL('**/schedule**');
		expect(await page.getByTestId('user-row').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Invite user' }).count()).toBe(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps a table wider than its card inside the card: a name typed without spaces scrolls the table, not the page', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, ADMIN);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
		await row(page, DISPATCHER).waitFor();
		await page.getByRole('button', { name: 'Invite user' }).click();
		const form = page.getByRole('form', { name: 'New user' });
		await form.getByLabel('Name').click();
		await page.keyboard.type(`Wide${'W'.repeat(70)}`);
		const email = `wide-${unique}@northwind.test`;
		await form.getByLabel('Email').click();
		await page.keyboard.type(email);
		await form.getByRole('button', { name: 'Create user' }).click();
		await page.getByRole('button', { name: 'Done' }).click();
		await row(page, email).waitFor();
		const card = page.locator('.table-card');
		expect(await card.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('fits a phone', async () => {
		const { context, page, consoleErrors } = await openPage(browser, { width: 390, height: 844 });
		await signIn(page, ADMIN);
		await page.goto('/settings/users');
		await row(page, DISPATCHER).waitFor();
		expect(await page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
		await screenshot(page, 'users-phone');
		await page.setViewportSize({ width: 1280, height: 900 });
		await screenshot(page, 'users');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
