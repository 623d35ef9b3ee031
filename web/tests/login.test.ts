import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectNoConsoleErrors, launchBrowser, openPage, signIn } from './support/browser';

describe('signing in', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it.each([
		['dispatcher@northwind.test', '/schedule', ['Schedule', 'Work orders', 'Customers', 'Technicians', 'Service types']],
		['admin@northwind.test', '/schedule', ['Schedule', 'Work orders', 'Customers', 'Technicians', 'Service types', 'API keys', 'Webhooks', 'Users']],
		['tech@northwind.test', '/my-day', ['My day']],
		['fleet@northwind.test', '/portal', ['My work orders']]
	])('lands %s on %s with only its own navigation', async (email, home, links) => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, email);
		expect(new URL(page.url()).pathname).toBe(home);
		const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
		expect(nav).toEqual(links);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('refuses a wrong password in plain words and stays on the login page', async () => {
		const { context, page } = await openPage(browser);
		await page.goto('/login');
		await page.getByLabel('Email').click();
		await page.keyboard.type('dispatcher@northwind.test');
		await page.keyboard.press('Tab');
		await page.keyboard.type(`${DEMO_PASSWORD}-wrong`);
		await page.keyboard.press('Enter');
		// The message only, not the input path it concerns.
		await expect.poll(() => page.getByRole('alert').innerText()).toBe('Wrong email or password');
		expect(new URL(page.url()).pathname).toBe('/login');
		await context.close();
	});

	it('names the required fields when the form is sent empty, instead of refusing the password', async () => {
		const { context, page } = await openPage(browser);
		await page.goto('/login');
		await page.getByRole('button', { name: 'Sign in' }).click();
		// The browser keeps the form and points at the first missing field.
		expect(await page.getByLabel('Email').evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
		await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');
		await page.keyboard.type('dispatcher@northwind.test');
		await page.getByRole('button', { name: 'Sign in' }).click();
		expect(await page.getByLabel('Password').evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
		expect(await page.getByRole('alert').count()).toBe(0);
		expect(new URL(page.url()).pathname).toBe('/login');
		await context.close();
	});

	it('ends a session the API no longer takes, on every page, and says so on the login page', async () => {
		const a = await openPage(browser);
		const b = await openPage(browser);
		await signIn(a.page, 'dispatcher@northwind.test');
		await signIn(b.page, 'dispatcher@northwind.test');
		const changePassword = async (from: string, to: string) => {
			await a.page.getByLabel('Current password').click();
			await a.page.keyboard.type(from);
			await a.page.getByLabel('New password').click();
			await a.page.keyboard.type(to);
			await a.page.getByRole('button', { name: 'Change password' }).click();
			await a.page.getByText('Password changed.').waitFor();
		};
		await a.page.getByRole('link', { name: 'Account' }).click();
		await changePassword(DEMO_PASSWORD, `${DEMO_PASSWORD}-changed`);

		// B learns it on its live connection, or on its next request at the latest.
		await b.page.goto('/work-orders');
		await b.page.waitForURL('**/login');
		expect(await b.page.getByRole('status').innerText()).toBe('You were signed out. Sign in again.');
		expect(await b.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
		await b.page.reload();
		await b.page.waitForURL('**/login');
		await b.page.goto('/account');
		await b.page.waitForURL('**/login');
		// A still-valid session is kept: A stays signed in.
		await a.page.getByRole('link', { name: 'Work orders' }).click();
		await a.page.waitForURL('**/work-orders');
		await a.page.getByRole('button', { name: 'Sign out' }).waitFor();
		// The other test files sign in with the demo password.
		await a.page.getByRole('link', { name: 'Account' }).click();
		await a.page.waitForURL('**/account');
		await changePassword(`${DEMO_PASSWORD}-changed`, DEMO_PASSWORD);
		await a.context.close();
		await b.context.close();
	});

	it("centers the Sign in button's label across the form's width", async () => {
		const { context, page } = await openPage(browser);
		await page.goto('/login');
		const button = page.getByRole('button', { name: 'Sign in' });
		const gaps = await button.evaluate((element) => {
			const range = document.createRange();
			range.selectNodeContents(element);
			const [label, box] = [range.getBoundingClientRect(), element.getBoundingClientRect()];
			return { left: label.left - box.left, right: box.right - label.right };
		});
		expect(gaps.left).toBeGreaterThan(50); // a wide button, the label much narrower
		expect(Math.abs(gaps.left - gaps.right)).toBeLessThanOrEqual(2);
		await context.close();
	});

	it('signs out and sends an anonymous visitor to the login page', async () => {
		const { context, page } = await openPage(browser);
		await signIn(page, 'dispatcher@northwind.test');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/login');
		await page.goto('/schedule');
		await page.waitForURL('**/login');
		await context.close();
	});
});
