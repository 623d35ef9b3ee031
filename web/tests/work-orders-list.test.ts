import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shortDate, todayIn } from '../src/lib/format';
import { api, bookForCustomer, createTestCustomer, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const ZONE = 'America/Chicago';
const DISPATCHER = 'dispatcher@northwind.test';
/** Days of this file's own jobs, far from the days other tests book on. */
const day = (offset: number) => addDays(todayIn(ZONE), 20 + offset);
/** The machine is shared and loaded: give the page time to answer. */
const WAIT = { timeout: 10_000 };
const unique = Math.random().toString(36).slice(2, 6).toUpperCase();
/** VINs have no I, O or Q: digits keep this run's apart from any other. */
const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');

const rows = (page: Page) => page.getByTestId('work-order-row');
const labels = async (page: Page) => (await rows(page).getByRole('link').allInnerTexts()).sort();
const search = (page: Page) => page.getByRole('searchbox', { name: 'Search' });

/**
 * Types into a date input as a person does in Chromium's en-US field: month, day, year, a key every half second,
 * so that the box sits on the years 0002, 0020 and 0202 long enough to be taken for a date.
 */
async function typeDate(page: Page, label: string, date: string) {
	const [year, month, dayOfMonth] = date.split('-');
	const input = page.getByLabel(label, { exact: true });
	// The month comes first: click at the field's start.
	await input.click({ position: { x: 8, y: 8 } });
	await page.keyboard.type(`${month}${dayOfMonth}${year}`, { delay: 500 });
	await page.keyboard.press('Tab');
	await expect.poll(() => input.inputValue(), WAIT).toBe(date);
}

describe('the work orders list', () => {
	let browser: Browser;
	let token: string;
	let quartz: Awaited<ReturnType<typeof createTestCustomer>>;
	let opal: Awaited<ReturnType<typeof createTestCustomer>>;
	const jobs: Record<string, { id: string; label: string }> = {};

	beforeAll(async () => {
		browser = await launchBrowser();
		token = await tokenFor(DISPATCHER);
		quartz = await createTestCustomer(token, `Quartz Couriers ${unique}`, { licensePlate: `QZ-${unique}`, vin: `1FTBW2${digits}` });
		opal = await createTestCustomer(token, `Opal Bakery ${unique}`, { licensePlate: `OP-${unique}`, vin: `2HGFC2${digits}` });
		jobs.quartzEarly = await bookForCustomer(token, quartz, day(1), '09:00');
		jobs.quartzLate = await bookForCustomer(token, quartz, day(2), '10:00');
		jobs.opal = await bookForCustomer(token, opal, day(1), '11:00');
	});
	afterAll(() => browser.close());

	it('finds jobs by plate, VIN, customer name and number as one types, with filters kept in the URL', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Work orders' }).click();
		await page.waitForURL('**/work-orders');
		await rows(page).first().waitFor();

		await search(page).click();
		await page.keyboard.type(`qz-${unique.toLowerCase()}`);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzEarly!.label, jobs.quartzLate!.label].sort());
		expect(new URL(page.url()).searchParams.get('q')).toBe(`qz-${unique.toLowerCase()}`);

		await search(page).fill('');
		await page.keyboard.type(`hgfc2${digits}`);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.opal!.label]);

		await search(page).fill('');
		await page.keyboard.type(`Opal Bakery ${unique}`);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.opal!.label]);

		await search(page).fill('');
		await page.keyboard.type(jobs.quartzLate!.label);
		await expect.poll(() => labels(page), WAIT).toContain(jobs.quartzLate!.label);
		expect(await labels(page)).not.toContain(jobs.quartzEarly!.label);

		// A search that finds nothing says so, and offers the way back.
		await search(page).fill('');
		await page.keyboard.type('no such customer anywhere');
		await page.getByText('No work order matches these filters').waitFor();
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps what was just typed in the search when another filter is chosen before the pause', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders?q=${encodeURIComponent(`QZ-${unique}`)}`);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzEarly!.label, jobs.quartzLate!.label].sort());

		await search(page).fill('');
		await page.keyboard.type(`OP-${unique}`);
		await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Scheduled' });
		await expect.poll(() => new URL(page.url()).searchParams.get('q'), WAIT).toBe(`OP-${unique}`);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.opal!.label]);
		expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['SCHEDULED']);
		expect(await search(page).inputValue()).toBe(`OP-${unique}`);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('filters by status, date range and customer, and the back button and a shared link bring a filter back', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders?q=${encodeURIComponent(`QZ-${unique}`)}`);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzEarly!.label, jobs.quartzLate!.label].sort());

		await typeDate(page, 'From', day(2));
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzLate!.label]);
		expect(new URL(page.url()).searchParams.get('from')).toBe(day(2));

		await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Completed' });
		await page.getByText('No work order matches these filters').waitFor();
		await page.goBack();
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzLate!.label]);
		await page.goBack();
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzEarly!.label, jobs.quartzLate!.label].sort());
		await expect.poll(() => page.getByLabel('From', { exact: true }).inputValue(), WAIT).toBe(todayIn(ZONE)); // as the list opens

		// The customer filter: typed, then picked from the matches with the keyboard.
		await search(page).fill('');
		await page.getByText('Loading work orders…').waitFor({ state: 'detached' });
		await page.getByRole('combobox', { name: 'Customer' }).click();
		await page.keyboard.type(`Opal Bakery ${unique}`);
		await page.getByRole('option', { name: new RegExp(`Opal Bakery ${unique}`) }).waitFor();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.opal!.label]);
		// Typing over the chosen customer keeps every keystroke, and another can be chosen.
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.type(`Quartz Couriers ${unique}`);
		// Enter before the new matches arrive chooses nothing: the ones on screen were for other text.
		await page.keyboard.press('Enter');
		await page.getByRole('option', { name: new RegExp(`Quartz Couriers ${unique}`) }).click();
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzEarly!.label, jobs.quartzLate!.label].sort());
		expect(await page.getByRole('combobox', { name: 'Customer' }).inputValue()).toBe(`Quartz Couriers ${unique}`);
		// Back: first the list as it was while no customer was chosen, then Opal's again, its name in the box.
		await page.goBack();
		await expect.poll(() => new URL(page.url()).searchParams.get('customer'), WAIT).toBeNull();
		await expect.poll(() => page.getByRole('combobox', { name: 'Customer' }).inputValue(), WAIT).toBe('');
		await page.goBack();
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.opal!.label]);
		await expect.poll(() => page.getByRole('combobox', { name: 'Customer' }).inputValue(), WAIT).toBe(`Opal Bakery ${unique}`);
		const shared = page.url();
		expect(new URL(shared).searchParams.get('customer')).toBe(opal.id);
		await screenshot(page, 'work-orders-filtered');

		// Someone opening the link sees the same list, the customer's name in the filter.
		const other = await openPage(browser);
		await signIn(other.page, DISPATCHER);
		await other.page.goto(shared);
		await expect.poll(() => labels(other.page), WAIT).toEqual([jobs.opal!.label]);
		await expect.poll(() => other.page.getByRole('combobox', { name: 'Customer' }).inputValue(), WAIT).toBe(`Opal Bakery ${unique}`);

		// Each row leads to its work order.
		await other.page.getByRole('link', { name: jobs.opal!.label }).click();
		await other.page.waitForURL(`**/work-orders/${encodeURIComponent(jobs.opal!.id)}`);
		await other.page.getByRole('heading', { level: 1, name: new RegExp(jobs.opal!.label) }).waitFor();
		expectNoConsoleErrors(consoleErrors);
		expectNoConsoleErrors(other.consoleErrors);
		await other.context.close();
		await context.close();
	});

	it('opens at today, says so, and shows earlier work orders when asked', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Work orders' }).click();
		await page.waitForURL('**/work-orders');
		await rows(page).first().waitFor();
		const today = todayIn(ZONE);
		const firstDay = () => rows(page).first().locator('td').nth(1).innerText();
		// The demo has jobs on the days before today: the list starts past them, at today's first.
		expect(await firstDay()).toContain(shortDate(today));
		expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(today);
		expect(await page.getByText(`From today (${shortDate(today)}) onward.`).count()).toBe(1);

		await page.getByRole('link', { name: 'Show earlier work orders too' }).click();
		await expect.poll(() => page.getByLabel('From', { exact: true }).inputValue(), WAIT).toBe('');
		await expect.poll(firstDay, WAIT).not.toContain(shortDate(today));
		expect(new URL(page.url()).searchParams.get('from')).toBe('');
		// Back to today, from the line or from the navigation.
		await page.getByRole('link', { name: 'Start at today' }).click();
		await expect.poll(firstDay, WAIT).toContain(shortDate(today));
		expect(new URL(page.url()).search).toBe('');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('shows the top of the next page, its first row focused, after Next at the bottom', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto('/work-orders');
		await rows(page).first().waitFor();
		const firstPage = await rows(page).getByRole('link').allInnerTexts();

		const next = page.getByRole('button', { name: 'Next →' });
		await next.scrollIntoViewIfNeeded();
		expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
		await next.click();
		await expect.poll(async () => (await rows(page).getByRole('link').allInnerTexts())[0], WAIT).not.toBe(firstPage[0]);
		const secondPage = await rows(page).getByRole('link').allInnerTexts();
		const tableTop = () => page.locator('table').evaluate((table) => table.getBoundingClientRect().top);
		await expect.poll(tableTop, WAIT).toBeGreaterThanOrEqual(0);
		expect(await tableTop()).toBeLessThan(100);
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(secondPage[0]);
		// Tab goes on down the rows from there.
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(secondPage[1]);

		await page.getByRole('button', { name: '← Previous' }).click();
		await expect.poll(async () => (await rows(page).getByRole('link').allInnerTexts())[0], WAIT).toBe(firstPage[0]);
		await expect.poll(tableTop, WAIT).toBeGreaterThanOrEqual(0);
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(firstPage[0]);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("leads back from a job to where it was opened: the filtered list, the customer's page, the board's day", async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto('/work-orders');
		await search(page).click();
		await page.keyboard.type(`QZ-${unique}`);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzEarly!.label, jobs.quartzLate!.label].sort());
		const filtered = page.url();
		await page.getByRole('link', { name: jobs.quartzLate!.label }).click();
		await page.waitForURL(`**/work-orders/${encodeURIComponent(jobs.quartzLate!.id)}`);
		const back = page.getByRole('link', { name: /^←/ });
		await expect.poll(() => back.innerText(), WAIT).toBe('← Work orders');
		// A reload keeps the way back.
		await page.reload();
		await expect.poll(() => back.innerText(), WAIT).toBe('← Work orders');
		await back.click();
		await page.waitForURL(filtered);
		await expect.poll(() => labels(page), WAIT).toEqual([jobs.quartzEarly!.label, jobs.quartzLate!.label].sort());
		expect(await search(page).inputValue()).toBe(`QZ-${unique}`);

		await page.goto(`/customers/${encodeURIComponent(quartz.id)}`);
		await page.getByRole('link', { name: jobs.quartzEarly!.label }).click();
		await page.waitForURL(`**/work-orders/${encodeURIComponent(jobs.quartzEarly!.id)}`);
		await expect.poll(() => back.innerText(), WAIT).toBe(`← ${quartz.name}`);
		await back.click();
		await page.waitForURL(`**/customers/${encodeURIComponent(quartz.id)}`);

		await page.goto(`/schedule?date=${day(1)}`);
		await page.getByTestId(`work-order-${jobs.opal!.label}`).click();
		await page.waitForURL(`**/work-orders/${encodeURIComponent(jobs.opal!.id)}`);
		await expect.poll(() => back.innerText(), WAIT).toBe(`← Schedule · ${shortDate(day(1))}`);
		await back.click();
		await page.waitForURL(`**/schedule?date=${day(1)}`);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('pages through every work order with Next and Previous', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto('/work-orders');
		await rows(page).first().waitFor();
		const firstPage = await labels(page);
		expect(firstPage).toHaveLength(25);

		await page.getByRole('button', { name: 'Next →' }).click();
		await expect.poll(async () => (await labels(page)).join(), WAIT).not.toBe(firstPage.join());
		const secondPage = await labels(page);
		expect(secondPage.some((label) => firstPage.includes(label))).toBe(false);
		expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();

		await page.getByRole('button', { name: '← Previous' }).click();
		await expect.poll(() => labels(page), WAIT).toEqual(firstPage);
		await page.goBack();
		await expect.poll(() => labels(page), WAIT).toEqual(secondPage);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('shows a job booked elsewhere without a reload, and a status change made elsewhere', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders?q=${encodeURIComponent(`Quartz Couriers ${unique}`)}`);
		await expect.poll(() => rows(page).count(), WAIT).toBe(2);

		const booked = await bookForCustomer(token, quartz, day(3), '08:00');
		await expect.poll(() => labels(page), { timeout: 10_000 }).toContain(booked.label);

		const cancel = `mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`;
		await api(cancel, { input: { id: booked.id, status: 'CANCELED', reason: 'Van sold' } }, token);
		const row = rows(page).filter({ hasText: booked.label });
		await expect.poll(() => row.locator('.status').textContent(), { timeout: 10_000 }).toBe('Canceled');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps every keystroke of a search typed while a change made elsewhere arrives', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders?q=${encodeURIComponent(`QZ-${unique}`)}`);
		await rows(page).first().waitFor();

		const typed = `Quartz Couriers ${unique}`;
		await search(page).click();
		await page.keyboard.press('ControlOrMeta+A');
		// A key every 200 ms, under the search's pause: the booking's live reload lands while the person types.
		const typing = page.keyboard.type(typed, { delay: 200 });
		await new Promise((resolve) => setTimeout(resolve, 600));
		await bookForCustomer(token, quartz, day(4), '08:00');
		await typing;
		expect(await search(page).inputValue()).toBe(typed);
		await expect.poll(() => new URL(page.url()).searchParams.get('q'), WAIT).toBe(typed);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('is usable on a phone', async () => {
		const { context, page, consoleErrors } = await openPage(browser, { width: 390, height: 844 });
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders?q=${encodeURIComponent(`QZ-${unique}`)}`);
		await expect.poll(() => rows(page).count(), WAIT).toBeGreaterThan(0);
		expect(await page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
		await screenshot(page, 'work-orders-phone');
		await page.setViewportSize({ width: 1280, height: 900 });
		await screenshot(page, 'work-orders');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
