import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Waits until the page shows its heading and nothing says it is still loading. */
async function settled(page: Page): Promise<void> {
	await page.locator('h1').first().waitFor();
	await expect.poll(() => page.locator('.loading').count()).toBe(0);
}

/** How far the page reaches past the screen's right edge, in pixels (0: no horizontal scroll). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The pages a role reaches: its navigation, then the detail pages its lists link to. */
async function pagesOf(page: Page): Promise<{ name: string; path: string }[]> {
	const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
	const pages = await nav.evaluateAll((links) => links.map((link) => ({ name: link.textContent!.trim(), path: new URL((link as HTMLAnchorElement).href).pathname })));
	const details: { name: string; path: string }[] = [];
	for (const { path } of pages) {
		await page.goto(path);
		await settled(page);
		const link = path === '/customers' ? page.locator('tbody a').first() : path === '/schedule' ? page.locator('[data-testid^="work-order-"]').first() : null;
		if (!link) continue;
		await link.waitFor();
		const href = new URL((await link.getAttribute('href'))!, page.url()).pathname;
		details.push({ name: path === '/customers' ? 'Customer' : 'Work order', path: href });
	}
	return [...pages, ...details, { name: 'Not found', path: '/no-such-page' }];
}

/** "Service types" → "service-types". */
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

describe('every page, at 1280 and 390 px wide, as each role', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it.each([
		['admin', 'admin@northwind.test'],
		['dispatcher', 'dispatcher@northwind.test'],
		['technician', 'tech@northwind.test'],
		['customer', 'fleet@northwind.test']
	])('fits a phone as the %s, with no horizontal scroll, and every asset found', async (role, email) => {
		const { context, page, consoleErrors } = await openPage(browser, WIDE);
		const missing: string[] = [];
		page.on('response', (response) => {
			if (response.status() === 404 && !response.url().endsWith('/no-such-page')) missing.push(response.url());
		});
		await signIn(page, email);
		const pages = await pagesOf(page);
		expect(pages.length).toBeGreaterThan(1);

		for (const { name, path } of pages) {
			const errorsBefore = consoleErrors.length;
			await page.setViewportSize(WIDE);
			await page.goto(path);
			await settled(page);
			await screenshot(page, `${role}-${slug(name)}-1280`);
			await page.setViewportSize(PHONE);
			await page.goto(path);
			await settled(page);
			expect(await overflow(page), `${path} at 390 px`).toBeLessThanOrEqual(0);
			await screenshot(page, `${role}-${slug(name)}-390`);
			// The unknown URL is answered with a 404, as it should be: the browser logs that (and only that).
			if (name === 'Not found') {
				const logged = consoleErrors.splice(errorsBefore);
				consoleErrors.push(...logged.filter((message) => !message.includes('status of 404')));
			}
		}

		// The open New work order modal fits too, and so does the sign-out button.
		if (pages.some(({ path }) => path === '/schedule')) {
			await page.goto('/schedule');
			await settled(page);
			await page.getByRole('button', { name: 'New work order' }).click();
			const modal = page.getByRole('dialog', { name: 'New work order' });
			await modal.waitFor();
			expect(await overflow(page), 'the modal at 390 px').toBeLessThanOrEqual(0);
			expect(await modal.evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth)).toBeLessThanOrEqual(0);
			await screenshot(page, `${role}-new-work-order-390`);
			await page.keyboard.press('Escape');
		}
		await page.getByRole('button', { name: 'Menu' }).click();
		const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
		expect(signOut!.x + signOut!.width).toBeLessThanOrEqual(PHONE.width);

		expect(missing).toEqual([]);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it.each([
		['admin', 'admin@northwind.test', 'Avery Admin'],
		['technician', 'tech@northwind.test', 'Maria Lopez']
	])('gives the %s on a phone a menu with every page, their name and organization', async (role, email, name) => {
		const { context, page, consoleErrors } = await openPage(browser, WIDE);
		await signIn(page, email);
		const nav = page.getByRole('navigation', { name: 'Main' });
		const items = await nav.getByRole('link').allInnerTexts();
		expect(items.length).toBeGreaterThan(0);
		const menu = page.getByRole('button', { name: 'Menu' });
		expect(await menu.isVisible()).toBe(false); // the sidebar shows it all at 1280 px

		await page.setViewportSize(PHONE);
		await settled(page);
		expect(await nav.isVisible()).toBe(false);
		expect(await menu.getAttribute('aria-expanded')).toBe('false');
		await menu.click();
		expect(await menu.getAttribute('aria-expanded')).toBe('true');
		// Every item whole on screen, none cut off or scrolled out of sight.
		for (const item of items) {
			const box = (await nav.getByRole('link', { name: item, exact: true }).boundingBox())!;
			expect(box.x, item).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width, item).toBeLessThanOrEqual(PHONE.width);
			expect(await nav.getByRole('link', { name: item, exact: true }).evaluate((link) => link.scrollWidth <= link.clientWidth), item).toBe(true);
		}
		const banner = page.getByRole('banner');
		expect(await banner.getByText(name, { exact: true }).isVisible()).toBe(true);
		expect(await banner.getByText('Northwind Mobile Lube', { exact: true }).isVisible()).toBe(true);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, `${role}-menu-390`);

		// A choice closes the menu; so does Escape, handing the focus back to its button.
		await page.getByRole('link', { name: 'Account' }).click();
		await page.waitForURL('**/account');
		await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
		expect(await nav.isVisible()).toBe(false);
		await menu.focus();
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(items[0]);
		await page.keyboard.press('Escape');
		expect(await nav.isVisible()).toBe(false);
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Menu');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('makes Skip to content the first Tab stop of a signed-in page, at 1280 and 390 px, leading past the navigation', async () => {
		const { context, page, consoleErrors } = await openPage(browser, WIDE);
		await signIn(page, 'dispatcher@northwind.test');
		const skip = page.getByRole('link', { name: 'Skip to content' });
		const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), inMain: !!document.activeElement?.closest('main'), tag: document.activeElement?.tagName }));
		for (const viewport of [WIDE, PHONE]) {
			await page.setViewportSize(viewport);
			await page.goto('/customers');
			await settled(page);
			expect(await skip.isVisible()).toBe(true); // in the page, though out of sight
			expect((await skip.boundingBox())!.y).toBeLessThan(0);
			await page.keyboard.press('Tab');
			expect((await focused()).text).toBe('Skip to content');
			const shown = (await skip.boundingBox())!;
			expect(shown.y).toBeGreaterThanOrEqual(0);
			expect(shown.x + shown.width).toBeLessThanOrEqual(viewport.width);
			await screenshot(page, `skip-link-${viewport.width}`);
			await page.keyboard.press('Enter');
			expect(await focused()).toMatchObject({ tag: 'MAIN', inMain: true });
			await page.keyboard.press('Tab');
			expect((await focused()).inMain).toBe(true);
			expect(new URL(page.url()).hash).toBe('');
		}
		// After moving to another page through the navigation too.
		await page.setViewportSize(WIDE);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Technicians' }).click();
		await page.waitForURL('**/technicians');
		await settled(page);
		await page.keyboard.press('Tab');
		expect((await focused()).text).toBe('Skip to content');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('fits the sign-in page on a phone, before anyone signs in', async () => {
		const { context, page, consoleErrors } = await openPage(browser, WIDE);
		await page.goto('/login');
		await page.getByRole('button', { name: 'Sign in' }).waitFor();
		await screenshot(page, 'anonymous-login-1280');
		await page.setViewportSize(PHONE);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await screenshot(page, 'anonymous-login-390');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('shows a branded page for an unknown URL, with the way back to the start page', async () => {
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'dispatcher@northwind.test');
		await page.goto('/settings/nothing-here');
		await page.getByRole('heading', { name: 'Page not found' }).waitFor();
		expect(await page.locator('main').innerText()).toContain('There is no page at /settings/nothing-here.');
		expect(await page.title()).toBe('Page not found · Dispatch');
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await page.getByRole('link', { name: 'Go to your start page' }).click();
		await page.waitForURL('**/schedule**');
		// Only the browser's own line about the unknown URL's 404 answer was logged.
		expect(consoleErrors.filter((error) => !error.startsWith('Failed to load resource: the server responded with a status of 404')), consoleErrors.join('\n')).toEqual([]);
		await context.close();
	});

	it('says a link whose cursor or ID the API refuses cannot be opened, and opens the page without it', async () => {
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'dispatcher@northwind.test');
		for (const link of ['/work-orders?after=not-a-cursor', '/work-orders?technician=nobody']) {
			await page.goto(link);
			await page.getByRole('heading', { name: 'This link cannot be opened' }).waitFor();
			const said = await page.locator('main').innerText();
			expect(said).toContain('The link may be old or mistyped.');
			expect(said).not.toContain('[GraphQL]');
			expect(said).not.toContain('Try again in a moment');
			expect(await overflow(page)).toBeLessThanOrEqual(0);
			await page.getByRole('link', { name: 'Open the page without it' }).click();
			await page.waitForURL((url) => url.pathname === '/work-orders' && url.search === '');
			await page.getByRole('heading', { name: 'Work orders' }).waitFor();
		}
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('opens the board on today for a link to a day no calendar has (February 30)', async () => {
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'dispatcher@northwind.test');
		await page.goto('/schedule?date=2026-02-30');
		await page.waitForURL((url) => url.searchParams.get('date') !== '2026-02-30');
		await page.getByRole('heading', { name: 'Schedule' }).waitFor();
		expect(await page.locator('main').innerText()).not.toContain('Something went wrong');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('loads the favicon under every URL, nested ones too', async () => {
		const { context, page } = await openPage(browser);
		await signIn(page, 'admin@northwind.test');
		for (const path of ['/settings/api-keys', '/settings/service-types', '/schedule']) {
			await page.goto(path);
			await settled(page);
			const icon = await page.evaluate(async () => {
				const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href;
				return { path: new URL(href).pathname, status: (await fetch(href)).status };
			});
			expect(icon, path).toEqual({ path: '/favicon.svg', status: 200 });
		}
		await context.close();
	});
});
