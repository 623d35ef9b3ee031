import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const DEMO_PASSWORD = 'demo-password';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
}

/** A fresh browser context (its own storage, so its own session) that records console errors. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
	const context = await browser.newContext({ viewport, baseURL: inject('baseUrl') });
	const page = await context.newPage();
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	page.on('pageerror', (error) => consoleErrors.push(error.message));
	return { context, page, consoleErrors };
}

export async function signIn(page: Page, email: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export function expectNoConsoleErrors(errors: string[]): void {
	expect(errors, errors.join('\n')).toEqual([]);
}

/** Picks the option of a select whose text contains `containing` (an option's text also names its price and duration). */
export async function chooseOption(select: Locator, containing: string): Promise<void> {
	const labels = await select.locator('option').allTextContents();
	await select.selectOption({ label: labels.find((label) => label.includes(containing))! });
}
