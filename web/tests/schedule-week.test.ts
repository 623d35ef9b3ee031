import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, instantOf, todayIn } from '../src/lib/format';
import { mondayOf } from '../src/lib/schedule/week';
import { api, book } from './support/api';
import { expectNoConsoleErrors, openPage, screenshot, signIn } from './support/browser';
import { DISPATCHER, ZONE, browserAndOffice, dayFromToday } from './support/schedule';

// A week of its own, past the demo jobs (three days either side of today): only what this file books is in it.
const monday = mondayOf(dayFromToday(21));
const [mon, tue, wed, thu] = [0, 1, 2, 3].map((i) => addDays(monday, i)) as [string, string, string, string];

describe('the week view', () => {
	let browser: Browser;
	let office: string;
	beforeAll(async () => {
		({ browser, office } = await browserAndOffice());
	});
	afterAll(() => browser.close());

	it("shows each technician's jobs and booked share per day, Monday first, opens a day on a click, and follows changes live", async () => {
		const monday9 = await book(office, { date: mon, at: '09:00', technician: 'Tomasz Nowak' });
		const wed13 = await book(office, { date: wed, at: '13:00', technician: 'Tomasz Nowak' });
		const wed15 = await book(office, { date: wed, at: '15:00', technician: 'Tomasz Nowak' });
		const { context, page, consoleErrors } = await openPage(browser, { width: 1400, height: 1000 });
		await signIn(page, DISPATCHER);

		// From the day board's Week button; a day in the week opens its Monday.
		await page.goto(`/schedule?date=${wed}`);
		await page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: 'Week' }).click();
		await page.waitForURL(`**/schedule/week?week=${monday}`);
		const week = page.getByTestId('week');
		await week.waitFor();
		const headers = await week.locator('thead th').allInnerTexts();
		expect(headers.slice(1)).toHaveLength(7);
		expect(headers[1]).toMatch(/^Mon/);
		expect(headers[7]).toMatch(/^Sun/);

		const cell = (technician: string, day: string) => page.getByTestId(`week-cell-${technician}-${day}`);
		expect(await cell('Tomasz Nowak', mon).getAttribute('data-jobs')).toBe('1');
		expect(await cell('Tomasz Nowak', mon).innerText()).toContain(monday9.label);
		expect(await cell('Tomasz Nowak', wed).getAttribute('data-jobs')).toBe('2');
		// 45 and 90 minutes of his 16 working hours (the demo's 07:00 to 23:00), as the page says it counts.
		expect(await cell('Tomasz Nowak', mon).getAttribute('data-share')).toBe('5');
		expect(await cell('Tomasz Nowak', wed).getAttribute('data-share')).toBe('9');
		expect(await cell('Tomasz Nowak', wed).getAttribute('aria-label')).toMatch(/Tomasz Nowak, .*: 2 jobs, 1 h 30 min booked \(9% of their 16 h of working time\)/);
		expect(await page.getByTestId('share-basis').innerText()).toContain("each technician's working hours that day");
		expect(await cell('Tomasz Nowak', tue).getAttribute('data-jobs')).toBe('0');
		await screenshot(page, 'schedule-week');

		// Live: another dispatcher books Thursday and moves Monday's job to Tuesday; one subscription brings both.
		await book(office, { date: thu, at: '10:00', technician: 'Tomasz Nowak' });
		await expect.poll(() => cell('Tomasz Nowak', thu).getAttribute('data-jobs'), { timeout: 10_000 }).toBe('1');
		const moved = await api(
			`mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename } }`,
			{ input: { id: monday9.id, windowStart: instantOf(tue, '09:00', ZONE) } },
			office
		);
		expect(moved.updateWorkOrder.__typename).toBe('MutationUpdateWorkOrderSuccess');
		await expect.poll(() => cell('Tomasz Nowak', tue).getAttribute('data-jobs'), { timeout: 10_000 }).toBe('1');
		expect(await cell('Tomasz Nowak', mon).getAttribute('data-jobs')).toBe('0');
		// A change of another week leaves this one alone.
		await book(office, { date: addDays(monday, 9), at: '10:00', technician: 'Tomasz Nowak' });
		await page.waitForTimeout(1000);
		expect(await week.locator('[data-testid="week-row-Tomasz Nowak"] [data-testid^="week-job-"]').count()).toBe(4);

		// A click on a day opens its day board, the jobs in the technician's column.
		await cell('Tomasz Nowak', wed).click();
		await page.waitForURL(`**/schedule?date=${wed}`);
		await page.getByTestId('column-Tomasz Nowak').getByTestId(`work-order-${wed13.label}`).waitFor();
		expect(await page.getByTestId('column-Tomasz Nowak').getByTestId(`work-order-${wed15.label}`).count()).toBe(1);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('moves a week at a time, and keeps a week given by any of its days as its Monday', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/schedule/week?week=${thu}`);
		await page.waitForURL(`**/schedule/week?week=${monday}`);
		await page.getByTestId('week').waitFor();
		await page.getByRole('button', { name: 'Next week' }).click();
		await page.waitForURL(`**/schedule/week?week=${addDays(monday, 7)}`);
		await page.getByRole('button', { name: 'Previous week' }).click();
		await page.waitForURL(`**/schedule/week?week=${monday}`);
		await page.goto('/schedule/week?week=not-a-day');
		await page.waitForURL(`**/schedule/week?week=${mondayOf(todayIn(ZONE))}`);
		// This week has nothing to do on this week, and says so; pressed, it keeps the focus rather than dropping it to the page.
		const thisWeek = page.getByRole('button', { name: 'This week' });
		expect(await thisWeek.getAttribute('aria-disabled')).toBe('true');
		await page.getByRole('button', { name: 'Next week' }).click();
		await page.waitForURL(`**/schedule/week?week=${addDays(mondayOf(todayIn(ZONE)), 7)}`);
		await thisWeek.focus();
		await page.keyboard.press('Enter');
		await page.waitForURL(`**/schedule/week?week=${mondayOf(todayIn(ZONE))}`);
		expect(await thisWeek.evaluate((button) => button === document.activeElement)).toBe(true);
		await page.keyboard.press('Enter');
		expect(new URL(page.url()).searchParams.get('week')).toBe(mondayOf(todayIn(ZONE)));
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('is no page for a technician', async () => {
		const { context, page } = await openPage(browser);
		await signIn(page, 'tech@northwind.test');
		await page.goto(`/schedule/week?week=${monday}`);
		await page.waitForURL((url) => !url.pathname.startsWith('/schedule'));
		expect(await page.getByTestId('week').count()).toBe(0);
		await context.close();
	});
});
