import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, instantOf, todayIn } from '../src/lib/format';
import { api, book, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn, typeTime } from './support/browser';

const ZONE = 'America/Chicago';
const DISPATCHER = 'dispatcher@northwind.test';

/** These tests work three days ahead, each on its own technician's jobs. */
const DAY = () => addDays(todayIn(ZONE), 3);

/** Opens the detail page of a Scheduled job in the technician's column, from the board; returns its label. */
async function openScheduledJob(page: Page, technician: string, nth = 0): Promise<string> {
	await page.goto(`/schedule?date=${DAY()}`);
	const block = page.getByTestId(`column-${technician}`).locator('[data-testid^="work-order-"][data-status="SCHEDULED"]').nth(nth);
	const label = (await block.getAttribute('data-testid'))!.replace('work-order-', '');
	await block.click();
	await page.waitForURL('**/work-orders/**');
	await page.getByRole('heading', { level: 1, name: new RegExp(label) }).waitFor();
	return label;
}

const status = (page: Page) => page.getByTestId('status').textContent();
const moves = (page: Page) => page.getByRole('group', { name: 'Move this work order' });
const timeline = (page: Page) => page.getByRole('list', { name: 'Status timeline' }).getByTestId('timeline-entry').allInnerTexts();

describe('the work order detail page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it('advances a job along the next statuses the API offers, to Completed with its invoice', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await openScheduledJob(page, 'Lena Fischer');

		// Everything about the job is on the page, the internal notes marked as such.
		for (const heading of ['Customer', 'Vehicle', 'Service', 'When', 'Service address', 'Technician']) {
			expect(await page.locator('dt', { hasText: new RegExp(`^${heading}$`) }).count(), heading).toBe(1);
		}
		expect(await page.getByTestId('internal-notes').innerText()).toContain('INTERNAL · TEAM ONLY');
		expect(await page.getByText('Lena Fischer', { exact: true }).count()).toBeGreaterThan(0);
		const price = (await page.locator('dt', { hasText: /^Service$/ }).locator('xpath=..').innerText()).match(/\$[\d,.]+/)![0];

		const steps: [from: string, to: string, offered: string[]][] = [
			['Scheduled', 'En route', ['En route', 'Cancel work order']],
			['En route', 'On site', ['On site', 'Cancel work order']],
			['On site', 'In progress', ['In progress', 'No-show', 'Cancel work order']],
			['In progress', 'Completed', ['Completed', 'Cancel work order']]
		];
		for (const [from, to, offered] of steps) {
			expect(await status(page)).toBe(from);
			expect(await moves(page).getByRole('button').allInnerTexts()).toEqual(offered);
			await moves(page).getByRole('button', { name: to, exact: true }).click();
			if (to === 'Completed') {
				// It issues the invoice: asked first, in one sentence. "Not yet" changes nothing.
				const question = page.getByRole('alertdialog');
				expect(await question.innerText()).toContain(`This issues the invoice to`);
				await question.getByRole('button', { name: 'Not yet' }).click();
				await expect.poll(() => question.count()).toBe(0);
				expect(await status(page)).toBe('In progress');
				expect(await page.getByTestId('invoice').count()).toBe(0);
				await moves(page).getByRole('button', { name: to, exact: true }).click();
				await question.getByRole('button', { name: 'Complete and invoice' }).click();
			}
			await expect.poll(() => status(page)).toBe(to);
			expect(await page.getByRole('alert').count()).toBe(0);
			await expect.poll(async () => (await timeline(page)).at(-1)).toContain(`${from} → ${to}`);
			expect((await timeline(page)).at(-1)).toContain('Dana Dispatcher');
		}

		// Completed: nothing more to move, and the invoice with its total.
		expect(await moves(page).count()).toBe(0);
		const invoice = page.getByTestId('invoice');
		await invoice.waitFor();
		expect(await invoice.innerText()).toMatch(/INV-\d+/);
		expect(await invoice.locator('tfoot').innerText()).toContain(price);
		await screenshot(page, 'work-order-completed');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('cancels a job with a reason, and the timeline and the board show it', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		const label = await openScheduledJob(page, 'Sam Whitaker');

		await moves(page).getByRole('button', { name: 'Cancel work order' }).click();
		const dialog = page.getByRole('dialog', { name: `Cancel ${label}?` });
		// A reason is required.
		await dialog.getByRole('button', { name: 'Cancel work order' }).click();
		expect(await dialog.innerText()).toContain('Say why the job is canceled');
		await dialog.getByLabel('Reason').fill('Customer sold the car');
		await screenshot(page, 'cancel-dialog');
		await dialog.getByRole('button', { name: 'Cancel work order' }).click();
		await expect.poll(() => dialog.count()).toBe(0);

		await expect.poll(() => status(page)).toBe('Canceled');
		expect(await page.getByRole('alert').count()).toBe(0);
		const last = (await timeline(page)).at(-1)!;
		expect(last).toContain('Scheduled → Canceled');
		expect(last).toContain('Reason: Customer sold the car');
		expect(await moves(page).count()).toBe(0);
		expect(await page.getByText('Canceled: Customer sold the car').count()).toBe(1);

		await page.getByRole('link', { name: /← Schedule/ }).click();
		await expect.poll(() => page.getByTestId(`work-order-${label}`).getAttribute('data-status')).toBe('CANCELED');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('reschedules and reassigns a Scheduled job', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		const label = await openScheduledJob(page, 'Tomasz Nowak');

		await page.getByRole('heading', { name: 'Reschedule or reassign' }).waitFor();
		// Unchanged: nothing is sent, so the timeline gets no empty entry.
		const before = await timeline(page);
		await page.getByRole('button', { name: 'Save changes' }).click();
		await page.getByText('Nothing to save: the time and technician are as they were.').waitFor();
		expect(await timeline(page)).toEqual(before);
		await page.getByLabel('Start', { exact: true }).fill('19:00');
		await page.getByLabel('Technician', { exact: true }).selectOption({ label: 'Priya Raman' });
		await page.getByRole('button', { name: 'Save changes' }).click();

		await expect.poll(async () => (await timeline(page)).at(-1)).toContain('Reassigned');
		const last = (await timeline(page)).at(-1)!;
		expect(last).toContain('Technician: Tomasz Nowak → Priya Raman');
		expect(last).toMatch(/7:00\s?PM/);
		const when = await page.locator('dt', { hasText: /^When$/ }).locator('xpath=..').innerText();
		expect(when).toMatch(/7:00\s?PM/);
		expect(await page.locator('dt', { hasText: /^Technician$/ }).locator('xpath=..').innerText()).toContain('Priya Raman');
		expect(await page.getByRole('status').innerText()).toBe('Saved.');
		expect(await page.getByRole('alert').count()).toBe(0);

		await page.goto(`/schedule?date=${DAY()}`);
		await expect.poll(() => page.getByTestId('column-Priya Raman').getByTestId(`work-order-${label}`).count()).toBe(1);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("reschedules into the technician's time off only when told to, with Move anyway as on the board", async () => {
		const day = addDays(todayIn(ZONE), 52);
		const office = await tokenFor(DISPATCHER);
		const job = await book(office, { date: day, at: '09:00', technician: 'Sam Whitaker' });
		const { technicians } = await api(`{ technicians { id name } }`, {}, office);
		const sam = technicians.find((t: { name: string }) => t.name === 'Sam Whitaker').id;
		await api(
			`mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) { __typename } }`,
			{ input: { technicianId: sam, startsAt: instantOf(day, '12:00', ZONE), endsAt: instantOf(day, '15:00', ZONE), reason: 'Training course' } },
			office
		);
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders/${encodeURIComponent(job.id)}`);
		const form = page.locator('section', { has: page.getByRole('heading', { name: 'Reschedule or reassign' }) });
		await form.waitFor();
		const start = form.getByLabel('Start', { exact: true });
		const technician = form.getByLabel('Technician', { exact: true });
		const save = form.getByRole('button', { name: 'Save changes' });
		const anyway = form.getByRole('button', { name: 'Move anyway' });
		const storedStart = async () => (await api(`query ($id: ID!) { node(id: $id) { ... on WorkOrder { windowStart } } }`, { id: job.id }, office)).node.windowStart;

		// 13:00 is in his time off: refused beside the technician, the focus there, and nothing moved.
		await typeTime(start, '13:00');
		await save.click();
		await form.getByText('Sam Whitaker is off from').waitFor();
		expect(await form.getByText('(Training course)').count()).toBe(1);
		await expect.poll(() => technician.evaluate((select) => select === document.activeElement)).toBe(true);
		expect(await technician.getAttribute('aria-invalid')).toBe('true');
		expect(await storedStart()).toBe(instantOf(day, '09:00', ZONE));

		// Move anyway is for what was refused: another time is asked anew.
		await typeTime(start, '13:15');
		expect(await anyway.count()).toBe(0);
		// Tab on, as a person leaves the field, and back to its hours to type again.
		await page.keyboard.press('Tab');
		await typeTime(start, '13:00');
		expect(await anyway.count()).toBe(1);

		await anyway.click();
		await form.page().getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		expect(await storedStart()).toBe(instantOf(day, '13:00', ZONE));
		await expect.poll(async () => (await timeline(page)).at(-1)).toContain('Rescheduled');
		// The form is drawn anew for the job as it now is: the focus stays in it.
		await expect.poll(() => save.evaluate((button) => button === document.activeElement)).toBe(true);
		expect(await anyway.count()).toBe(0);
		const { node } = await api(`query ($id: ID!) { node(id: $id) { ... on WorkOrder { events { type availabilityOverride { kind } } } } }`, { id: job.id }, office);
		expect(node.events.at(-1)).toMatchObject({ type: 'RESCHEDULED', availabilityOverride: { kind: 'TIME_OFF' } });
		expect((await timeline(page)).at(-1)).toContain("Moved into Sam Whitaker's time off");
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("says on the timeline that a job was booked outside the technician's working hours, and a move that kept to them says nothing", async () => {
		// Northwind's technicians work 07:00–23:00 (prisma/seed.ts): 06:00 is before Lena Fischer's day starts.
		const day = addDays(todayIn(ZONE), 53);
		const office = await tokenFor(DISPATCHER);
		const job = await book(office, { date: day, at: '06:00', technician: 'Lena Fischer', overrideAvailability: true });
		await api(
			`mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename } }`,
			{ input: { id: job.id, windowStart: instantOf(day, '09:00', ZONE) } },
			office
		);
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders/${encodeURIComponent(job.id)}`);
		await page.getByRole('heading', { level: 1, name: new RegExp(job.label) }).waitFor();
		const entries = await timeline(page);
		expect(entries).toHaveLength(2);
		expect(entries[0]).toContain('Created as Scheduled');
		expect(entries[0]).toContain("Booked outside Lena Fischer's working hours");
		expect(entries[1]).toContain('Rescheduled');
		expect(entries[1]).not.toMatch(/working hours|time off/);
		await screenshot(page, 'work-order-timeline-override');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('tells a dispatcher whose page is behind that someone already moved the job, or asks to reload', async () => {
		const first = await openPage(browser);
		const second = await openPage(browser);
		// The second page gets no live updates: its subscription socket never connects.
		await second.page.routeWebSocket(/\/graphql$/, () => {});
		await signIn(first.page, DISPATCHER);
		await signIn(second.page, DISPATCHER);

		await openScheduledJob(first.page, 'Jamal Brooks');
		await second.page.goto(first.page.url());
		await second.page.getByRole('heading', { level: 1 }).waitFor();

		// A reschedule from the first page makes the second one's version stale: saving there asks to reload.
		await first.page.getByLabel('Start', { exact: true }).fill('18:30');
		await first.page.getByRole('button', { name: 'Save changes' }).click();
		await expect.poll(async () => (await timeline(first.page)).at(-1)).toContain('Rescheduled');
		await second.page.getByLabel('Start', { exact: true }).fill('19:30');
		await second.page.getByRole('button', { name: 'Save changes' }).click();
		const prompt = second.page.getByRole('alert').filter({ hasText: 'This work order changed since you opened it.' });
		await prompt.waitFor();
		await prompt.getByRole('button', { name: 'Reload' }).click();
		await expect.poll(() => second.page.getByLabel('Start', { exact: true }).inputValue()).toBe('18:30');

		// The first page moves it to En route; the second, not knowing, tries the same.
		await moves(first.page).getByRole('button', { name: 'En route', exact: true }).click();
		await expect.poll(() => status(first.page)).toBe('En route');
		expect(await first.page.getByRole('alert').count()).toBe(0);
		await moves(second.page).getByRole('button', { name: 'En route', exact: true }).click();
		await expect.poll(() => second.page.getByRole('alert').allInnerTexts()).toContain('Someone already moved this job to En route');
		await expect.poll(() => status(second.page)).toBe('En route');

		expectNoConsoleErrors(first.consoleErrors);
		expectNoConsoleErrors(second.consoleErrors);
		await first.context.close();
		await second.context.close();
	});

	it('follows changes made elsewhere without a reload', async () => {
		const watcher = await openPage(browser);
		const actor = await openPage(browser);
		await signIn(watcher.page, DISPATCHER);
		await signIn(actor.page, DISPATCHER);
		await openScheduledJob(watcher.page, 'Priya Raman');
		await actor.page.goto(watcher.page.url());
		await moves(actor.page).getByRole('button', { name: 'En route', exact: true }).click();

		await expect.poll(() => status(watcher.page), { timeout: 10_000 }).toBe('En route');
		expect((await timeline(watcher.page)).at(-1)).toContain('Scheduled → En route');
		expect(await moves(watcher.page).getByRole('button').allInnerTexts()).toEqual(['On site', 'Cancel work order']);
		expectNoConsoleErrors(watcher.consoleErrors);
		await watcher.context.close();
		await actor.context.close();
	});

	it('is readable on a phone', async () => {
		const { context, page, consoleErrors } = await openPage(browser, { width: 390, height: 844 });
		await signIn(page, DISPATCHER);
		await page.goto(`/schedule?date=${DAY()}`);
		await page.getByTestId('column-Aisha Khan').locator('[data-testid^="work-order-"]').first().click();
		await page.waitForURL('**/work-orders/**');
		await page.getByRole('heading', { name: 'Timeline' }).waitFor();
		// Nothing on the page is wider than the main column.
		expect(await page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
		await screenshot(page, 'work-order-phone');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
