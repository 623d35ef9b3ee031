import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, instantOf, todayIn } from '../src/lib/format';
import { api, book, tokenFor } from './support/api';
import { chooseOption, expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn, typeDate, typeInto, typeTime } from './support/browser';

const ZONE = 'America/Chicago';
const DISPATCHER = 'dispatcher@northwind.test';
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// A day of its own, so that no other test's board sees these jobs.
const DAY = () => addDays(todayIn(ZONE), 45);
const NAME = 'Quinn Availability';

/** Creates a technician with no hours, as a new hire starts. */
async function newTechnician(token: string): Promise<string> {
	const data = await api(
		`mutation ($input: CreateTechnicianInput!) { createTechnician(input: $input) { ... on MutationCreateTechnicianSuccess { technician { id } } } }`,
		{ input: { name: NAME, color: '#0d9488' } },
		token
	);
	return data.createTechnician.technician.id;
}

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** The buttons' texts, with the narrow spaces some locales put before AM/PM made plain. */
const buttonTexts = async (scope: Locator) => (await scope.getByRole('button').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());

/** Fills the new work order modal up to the technician, for Ruby Bennett's first vehicle and address, starting at `start`. */
async function fillNewWorkOrder(page: Page, start: string): Promise<void> {
	await page.getByRole('button', { name: 'New work order' }).click();
	const modal = page.getByRole('dialog', { name: 'New work order' });
	await modal.getByLabel('Customer', { exact: true }).click();
	await page.keyboard.type('Ruby');
	await modal.getByRole('option', { name: /Ruby Bennett/ }).click();
	const vehicle = modal.getByLabel('Vehicle', { exact: true });
	await expect.poll(() => vehicle.isEnabled()).toBe(true);
	await chooseOption(vehicle, (await vehicle.locator('option:not([disabled])').first().textContent())!);
	await chooseOption(modal.getByLabel('Service type', { exact: true }), 'Conventional Oil Change');
	await typeTime(modal.getByLabel('Start', { exact: true }), start);
	const address = modal.getByLabel('Service address', { exact: true });
	await chooseOption(address, (await address.locator('option:not([disabled])').first().textContent())!);
	await chooseOption(modal.getByLabel('Technician', { exact: true }), NAME);
}

describe('working hours and time off', () => {
	let browser: Browser;
	let token: string;
	let technicianId: string;

	beforeAll(async () => {
		browser = await launchBrowser();
		token = await tokenFor(DISPATCHER);
		technicianId = await newTechnician(token);
	});
	afterAll(() => browser.close());

	it('are set on the technicians page by typing, and a booking into the time off offers the nearest free times', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto('/technicians');
		await page.getByRole('button', { name: `Hours and time off of ${NAME}` }).click();
		const panel = page.getByRole('region', { name: `Hours and time off of ${NAME}` });
		await panel.getByText(`No working hours: every time is outside ${NAME}'s hours, so each booking needs Book anyway until some are set.`).waitFor();

		// Every day 09:00–12:00 and 13:00–17:00: a lunch hour between two intervals.
		for (const day of WEEKDAYS) {
			await panel.getByRole('button', { name: `Add hours on ${day}` }).click();
			await panel.getByRole('button', { name: `Add hours on ${day}` }).click();
			const from = panel.getByLabel(`${day} from`);
			const until = panel.getByLabel(`${day} until`);
			await typeTime(from.nth(0), '09:00');
			await typeTime(until.nth(0), '12:00');
			await typeTime(from.nth(1), '13:00');
			await typeTime(until.nth(1), '17:00');
		}
		await panel.getByRole('button', { name: 'Save hours' }).click();
		await panel.getByRole('status').filter({ hasText: 'Hours saved.' }).waitFor();
		expect(await panel.getByText('No working hours').count()).toBe(0);

		// Time off 14:00–16:00 on the test's day.
		const leave = panel.getByRole('form', { name: 'Add time off' });
		await typeDate(leave.getByLabel('From date'), DAY());
		await typeTime(leave.getByLabel('From time'), '14:00');
		await typeDate(leave.getByLabel('Until date'), DAY());
		await typeTime(leave.getByLabel('Until time'), '16:00');
		await typeInto(leave.getByLabel('Reason'), 'Dentist appointment');
		await leave.getByRole('button', { name: 'Add time off' }).click();
		await panel.getByRole('button', { name: 'Remove time off Dentist appointment' }).waitFor();
		await screenshot(page, 'technician-hours-1280');

		const stored = await api(
			`query ($id: ID!, $from: DateTime!, $to: DateTime!) { node(id: $id) { ... on Technician { workingHours { weekday startTime endTime } timeOff(from: $from, to: $to) { reason } } } }`,
			{ id: technicianId, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
			token
		);
		expect(stored.node.workingHours).toHaveLength(14);
		expect(stored.node.workingHours[0]).toEqual({ weekday: 'MONDAY', startTime: '09:00', endTime: '12:00' });

		// A 45-minute job at 14:30 falls in the time off: refused, naming it, with the nearest free times offered.
		await page.goto(`/schedule?date=${DAY()}`);
		await fillNewWorkOrder(page, '14:30');
		const modal = page.getByRole('dialog', { name: 'New work order' });
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await modal.getByText(`${NAME} is off from`).waitFor();
		expect(await modal.getByText('(Dentist appointment)').count()).toBe(1);
		// The focus goes to the field the refusal is told beside, not to the page.
		await expect.poll(() => isFocused(modal.getByLabel('Technician', { exact: true }))).toBe(true);
		const offers = modal.getByRole('region', { name: 'Other times' });
		// Nearest 14:30 in each free stretch: 13:15 (the latest start before the time off), 16:00 (right after it), 11:15 (before lunch).
		await expect.poll(() => buttonTexts(offers)).toEqual([
			`1:15 PM – 2:00 PM · ${NAME}`,
			`4:00 PM – 4:45 PM · ${NAME}`,
			`11:15 AM – 12:00 PM · ${NAME}`,
			'Book anyway, outside their availability'
		]);
		await screenshot(page, 'new-work-order-unavailable-1280');
		await offers.getByRole('button', { name: /^4:00\sPM/ }).click();
		expect(await modal.getByLabel('Start', { exact: true }).inputValue()).toBe('16:00');
		expect(await modal.getByLabel('End', { exact: true }).inputValue()).toBe('16:45');
		// The time's button went with the offers: the focus is on what comes next.
		expect(await isFocused(modal.getByRole('button', { name: 'Create work order' }))).toBe(true);
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => modal.count()).toBe(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('offers time off that is still to come: the rest of today in the afternoon, tomorrow in the evening', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		const today = todayIn(ZONE);
		await signIn(page, DISPATCHER);
		for (const [clock, date, from] of [
			['19:00', addDays(today, 1), '09:00'],
			['13:10', today, '13:30']
		] as const) {
			await context.clock.setFixedTime(new Date(instantOf(today, clock, ZONE)));
			await page.goto('/technicians');
			await page.getByRole('button', { name: `Hours and time off of ${NAME}` }).click();
			const leave = page.getByRole('region', { name: `Hours and time off of ${NAME}` }).getByRole('form', { name: 'Add time off' });
			const values = async () => Promise.all(['From date', 'From time', 'Until date', 'Until time'].map((label) => leave.getByLabel(label).inputValue()));
			await expect.poll(values, { message: `at ${clock}` }).toEqual([date, from, date, '17:00']);
		}
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('names the job in the way with a link to it, and books outside the hours only when told to', async () => {
		const inTheWay = await book(token, { at: '10:00', date: DAY(), technician: NAME });
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/schedule?date=${DAY()}`);

		await fillNewWorkOrder(page, '10:15');
		const modal = page.getByRole('dialog', { name: 'New work order' });
		await modal.getByRole('button', { name: 'Create work order' }).click();
		const offers = modal.getByRole('region', { name: 'Other times' });
		const link = offers.getByRole('link', { name: inTheWay.label });
		await link.waitFor();
		expect(decodeURIComponent((await link.getAttribute('href'))!)).toBe(`/work-orders/${inTheWay.id}`);
		// Right after the job, the latest start before it, then after lunch.
		await expect.poll(() => buttonTexts(offers)).toEqual([`10:45 AM – 11:30 AM · ${NAME}`, `9:15 AM – 10:00 AM · ${NAME}`, `1:00 PM – 1:45 PM · ${NAME}`]);

		// Outside the hours (18:00): refused, then booked on purpose.
		await typeTime(modal.getByLabel('Start', { exact: true }), '18:00');
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await modal.getByText(`${NAME} works 09:00–12:00, 13:00–17:00 on`).waitFor();
		const anyway = offers.getByRole('button', { name: 'Book anyway, outside their availability' });
		await anyway.waitFor();
		// Booking anyway is for what was refused: another time is asked anew.
		await typeTime(modal.getByLabel('Start', { exact: true }), '18:15');
		await expect.poll(() => anyway.count()).toBe(0);
		// Tab on, as a person leaves the field, and back to its hours to type again.
		await page.keyboard.press('Tab');
		await typeTime(modal.getByLabel('Start', { exact: true }), '18:00');
		await expect.poll(() => anyway.count()).toBe(1);
		await anyway.click();
		await expect.poll(() => modal.count()).toBe(0);

		const { workOrders } = await api(
			`query ($technicianId: ID!) { workOrders(filter: { technicianId: $technicianId }, first: 10) { edges { node { label windowStart events { availabilityOverride { kind } } } } } }`,
			{ technicianId },
			token
		);
		const overridden = workOrders.edges.map((edge: { node: { events: { availabilityOverride: { kind: string } | null }[] } }) => edge.node).filter((node: { events: { availabilityOverride: unknown }[] }) => node.events[0]!.availabilityOverride);
		expect(overridden).toHaveLength(1);
		expect(overridden[0].events[0].availabilityOverride).toEqual({ kind: 'OUTSIDE_WORKING_HOURS' });
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('marks the interval the API refuses beside it, keeps the focus through adding, removing and saving, and fits a phone', async () => {
		const name = 'Rowan Hours';
		const { createTechnician } = await api(
			`mutation ($input: CreateTechnicianInput!) { createTechnician(input: $input) { ... on MutationCreateTechnicianSuccess { technician { id } } } }`,
			{ input: { name, color: '#7c3aed' } },
			token
		);
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto('/technicians');
		await page.getByRole('button', { name: `Hours and time off of ${name}` }).click();
		const panel = page.getByRole('region', { name: `Hours and time off of ${name}` });
		const tuesday = panel.getByRole('group', { name: 'Tuesday' });
		const addHours = tuesday.getByRole('button', { name: 'Add hours on Tuesday' });
		const from = tuesday.getByLabel('Tuesday from');
		const until = tuesday.getByLabel('Tuesday until');

		// Added from the keyboard, an interval takes the focus on its start, ready to type.
		await addHours.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => isFocused(from.nth(0))).toBe(true);
		await typeTime(from.nth(0), '09:00');
		await typeTime(until.nth(0), '12:00');
		await addHours.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => isFocused(from.nth(1))).toBe(true);
		// The second ends before it starts.
		await typeTime(from.nth(1), '14:00');
		await typeTime(until.nth(1), '13:00');
		const save = panel.getByRole('button', { name: 'Save hours' });
		await save.click();
		await panel.getByText('Not saved: the hours marked below need a change.').waitFor();
		expect(await isFocused(save)).toBe(true);
		// The message is beside the second interval, and read with its times; the first is not marked.
		expect(await tuesday.innerText()).toContain('The hours must end after they start');
		expect(await until.nth(1).getAttribute('aria-invalid')).toBe('true');
		const described = await until.nth(1).getAttribute('aria-describedby');
		expect(await page.locator(`[id="${described}"]`).textContent()).toBe('The hours must end after they start');
		expect(await until.nth(0).getAttribute('aria-invalid')).toBe('false');

		// Removed, the interval's button goes: the focus goes to the day's Add hours, and the message with it.
		await tuesday.getByRole('button', { name: 'Remove Tuesday 14:00–13:00' }).click();
		expect(await isFocused(addHours)).toBe(true);
		expect(await tuesday.innerText()).not.toContain('The hours must end after they start');
		await save.click();
		await panel.getByRole('status').filter({ hasText: 'Hours saved.' }).waitFor();
		// A change after saving is not saved yet: the word goes.
		await typeTime(until.nth(0), '12:30');
		expect(await panel.getByText('Hours saved.').count()).toBe(0);

		// Time off already over is kept, and said so, since the list starts yesterday.
		const leave = panel.getByRole('form', { name: 'Add time off' });
		const past = addDays(todayIn(ZONE), -10);
		await typeDate(leave.getByLabel('From date'), past);
		await typeTime(leave.getByLabel('From time'), '09:00');
		await typeDate(leave.getByLabel('Until date'), past);
		await typeTime(leave.getByLabel('Until time'), '11:00');
		await typeInto(leave.getByLabel('Reason'), 'Flu');
		const add = leave.getByRole('button', { name: 'Add time off' });
		await add.click();
		await panel.getByRole('status').filter({ hasText: 'Time off added:' }).filter({ hasText: 'Flu. It is over, so it is not listed.' }).waitFor();
		expect(await isFocused(add)).toBe(true);
		await expect.poll(() => panel.getByText('None planned.').count(), { timeout: 10_000 }).toBe(1);

		// Removed, its button goes: the focus goes to the list's heading, and the removal is said.
		const later = addDays(todayIn(ZONE), 60);
		await typeDate(leave.getByLabel('From date'), later);
		await typeDate(leave.getByLabel('Until date'), later);
		await typeInto(leave.getByLabel('Reason'), 'Course');
		await add.click();
		await panel.getByRole('button', { name: 'Remove time off Course' }).click();
		await panel.getByRole('status').filter({ hasText: 'Time off removed:' }).waitFor();
		expect(await isFocused(panel.getByRole('heading', { name: 'Time off', exact: true }))).toBe(true);
		await expect.poll(() => panel.getByText('None planned.').count(), { timeout: 10_000 }).toBe(1);
		const { node } = await api(
			`query ($id: ID!, $from: DateTime!, $to: DateTime!) { node(id: $id) { ... on Technician { workingHours { weekday startTime endTime } timeOff(from: $from, to: $to) { reason } } } }`,
			{ id: createTechnician.technician.id, from: instantOf(addDays(todayIn(ZONE), -30), '00:00', ZONE), to: instantOf(addDays(todayIn(ZONE), 90), '00:00', ZONE) },
			token
		);
		expect(node.workingHours).toEqual([{ weekday: 'TUESDAY', startTime: '09:00', endTime: '12:00' }]);
		expect(node.timeOff).toEqual([{ reason: 'Flu' }]);

		// On a phone, each interval's Remove is on screen.
		await page.setViewportSize({ width: 390, height: 900 });
		for (const remove of await panel.getByRole('button', { name: /^Remove Tuesday/ }).all()) {
			const box = (await remove.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(390);
		}
		await screenshot(page, 'technician-hours-390');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
