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

/**
 * A fresh browser context (its own storage, so its own session) that records console errors. Service
 * workers are off unless asked for: a page whose requests pass through one is out of reach of `page.route`.
 */
export async function openPage(
	browser: Browser,
	viewport = { width: 1280, height: 900 },
	{ serviceWorkers = 'block', baseURL = inject('baseUrl') }: { serviceWorkers?: 'allow' | 'block'; baseURL?: string } = {}
): Promise<{ context: BrowserContext; page: Page; consoleErrors: string[] }> {
	const context = await browser.newContext({ viewport, baseURL, locale: 'en-US', serviceWorkers });
	// Anything the Content-Security-Policy blocks is an error of the page, whether or not the browser logs it.
	await context.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`))
	);
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

/** Types into a text field as a person does: click into it, select what it holds, type over it. */
export async function typeInto(field: Locator, text: string): Promise<void> {
	await field.click();
	await field.page().keyboard.press('ControlOrMeta+A');
	await field.page().keyboard.type(text);
}

/**
 * Picks an option of a <select> from the keyboard: focus it (as Tab would), Home, then ArrowDown until the
 * option whose text contains `containing` is chosen (an option's text may also name a price and duration).
 */
export async function chooseOption(select: Locator, containing: string): Promise<void> {
	const keyboard = select.page().keyboard;
	const chosen = async () => ((await select.locator('option:checked').textContent()) ?? '').includes(containing);
	await select.focus();
	await keyboard.press('Home');
	for (let presses = 0; presses < 100 && !(await chosen()); presses++) await keyboard.press('ArrowDown');
	expect(await chosen(), `an option containing "${containing}"`).toBe(true);
}

/** Types a clock time ("18:05") into an <input type="time"> the way an en-US keyboard user does: hours, minutes, AM/PM. */
export async function typeTime(field: Locator, clock: string): Promise<void> {
	const [hours, minutes] = clock.split(':').map(Number) as [number, number];
	const hour12 = hours % 12 === 0 ? 12 : hours % 12;
	await field.focus(); // as Tab does: on the first part, the hours
	await field.page().keyboard.type(`${String(hour12).padStart(2, '0')}${String(minutes).padStart(2, '0')}${hours < 12 ? 'A' : 'P'}`);
}

/** Types a date ("2026-12-02") into an <input type="date"> as en-US shows it: month, day, year. */
export async function typeDate(field: Locator, date: string): Promise<void> {
	const [year, month, day] = date.split('-');
	await field.focus(); // as Tab does: on the first part, the month
	await field.page().keyboard.type(`${month}${day}${year}`);
}
