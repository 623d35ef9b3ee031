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
		['admin@northwind.test', '/schedule', ['Schedule', 'Work orders', 'Customers', 'Technicians', 'Service types', 'API keys', 'Users']],
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
