import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../src/lib/format';
import { api, bookForCustomer, completeJob, createTestCustomer, tokenFor } from './support/api';
import { chooseOption, expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const ZONE = 'America/Chicago';
const DISPATCHER = 'dispatcher@northwind.test';
const ADMIN = 'admin@northwind.test';
const WAIT = { timeout: 10_000 };
const unique = Math.random().toString(36).slice(2, 6).toUpperCase();

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const jobLabels = (page: Page, name: string) => region(page, name).getByTestId('job-row').getByRole('link').allInnerTexts();

describe('the customer page', () => {
	let browser: Browser;
	let token: string;
	let customer: Awaited<ReturnType<typeof createTestCustomer>>;
	let upcomingJob: { id: string; label: string };
	let pastJob: { id: string; label: string };

	beforeAll(async () => {
		browser = await launchBrowser();
		token = await tokenFor(DISPATCHER);
		customer = await createTestCustomer(token, `Garnet Movers ${unique}`, { licensePlate: `GM-${unique}`, vin: '3FTBW2CM5HKA54321' });
		upcomingJob = await bookForCustomer(token, customer, addDays(todayIn(ZONE), 30), '09:00');
		pastJob = await bookForCustomer(token, customer, addDays(todayIn(ZONE), -12), '13:00', 'Priya Raman');
		await completeJob(token, pastJob.id);
	});
	afterAll(() => browser.close());

	/** Finds the customer on the Customers page by typing, and opens their page. */
	async function openCustomer(page: Page) {
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
		await page.getByRole('searchbox', { name: 'Search customers' }).click();
		await page.keyboard.type(`Garnet Movers ${unique}`);
		await page.getByRole('link', { name: `Garnet Movers ${unique}` }).click();
		await page.getByRole('heading', { level: 1, name: `Garnet Movers ${unique}` }).waitFor();
	}

	it("shows the customer's upcoming and past jobs with status and invoice, each linking to the job", async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await openCustomer(page);

		await expect.poll(() => jobLabels(page, 'Today and upcoming'), WAIT).toEqual([upcomingJob.label]);
		expect(await jobLabels(page, 'Past jobs')).toEqual([pastJob.label]);
		const upcomingRow = region(page, 'Today and upcoming').getByTestId('job-row');
		expect(await upcomingRow.locator('.status').textContent()).toBe('Scheduled');
		const pastRow = region(page, 'Past jobs').getByTestId('job-row');
		expect(await pastRow.locator('.status').textContent()).toBe('Completed');
		const { workOrder } = await api(`query ($id: ID!) { workOrder(id: $id) { invoice { label total { formatted } } } }`, { id: pastJob.id }, token);
		expect(await pastRow.innerText()).toContain(workOrder.invoice.label);
		expect(await pastRow.innerText()).toContain(workOrder.invoice.total.formatted);
		// A dispatcher may not manage logins: the API says so, and the page offers none.
		expect(await region(page, 'Portal logins').count()).toBe(0);
		await screenshot(page, 'customer-page');

		await pastRow.getByRole('link', { name: pastJob.label }).click();
		await page.waitForURL(`**/work-orders/${encodeURIComponent(pastJob.id)}`);
		await page.getByRole('heading', { level: 1, name: new RegExp(pastJob.label) }).waitFor();
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('books from the customer page with the customer, their one vehicle and address already chosen', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await openCustomer(page);

		await page.getByRole('button', { name: 'Book', exact: true }).click();
		const modal = page.getByRole('dialog', { name: 'New work order' });
		await modal.waitFor();
		expect(await modal.getByRole('combobox', { name: 'Customer' }).inputValue()).toBe(`Garnet Movers ${unique}`);
		await expect.poll(() => modal.getByLabel('Vehicle').inputValue(), WAIT).toBe(customer.vehicle.id);
		await expect.poll(() => modal.getByLabel('Service address').inputValue(), WAIT).toBe(customer.addressId);

		// Nothing changed from what it opened with: Escape closes it without asking.
		await page.keyboard.press('Escape');
		await expect.poll(() => modal.count(), WAIT).toBe(0);
		expect(await page.getByText('Close this form?').count()).toBe(0);
		await page.getByRole('button', { name: 'Book', exact: true }).click();
		await expect.poll(() => modal.getByLabel('Service address').inputValue(), WAIT).toBe(customer.addressId);

		await chooseOption(modal.getByLabel('Service type'), 'Conventional Oil Change');
		// A day of its own, so that no other test's board sees this job.
		const [year, month, day] = addDays(todayIn(ZONE), 31).split('-');
		await modal.getByLabel('Date').click({ position: { x: 8, y: 8 } });
		await page.keyboard.type(`${month}${day}${year}`);
		await modal.getByLabel('Start').click({ position: { x: 8, y: 8 } });
		await page.keyboard.type('0445P');
		await expect.poll(() => modal.getByLabel('End').inputValue(), WAIT).not.toBe('');
		await modal.getByLabel('Customer notes').click();
		await page.keyboard.type('Booked from the customer page');
		// Now something would be lost: Escape asks first.
		await page.keyboard.press('Escape');
		await page.getByRole('button', { name: 'Keep editing' }).click();
		await modal.getByRole('button', { name: 'Create work order' }).click();

		await page.getByRole('status').filter({ hasText: /Booked WO-\d+/ }).waitFor();
		await expect.poll(() => modal.count(), WAIT).toBe(0);
		const booked = (await page.getByRole('status').innerText()).match(/WO-\d+/)![0];
		await expect.poll(() => jobLabels(page, 'Today and upcoming'), WAIT).toEqual([upcomingJob.label, booked]);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('lets an admin give the customer a portal login, shown once, with which the customer signs in to their own jobs', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, ADMIN);
		await openCustomer(page);

		const logins = region(page, 'Portal logins');
		const opener = logins.getByRole('button', { name: 'Give portal access' });
		await opener.focus();
		await page.keyboard.press('Enter');
		const form = page.getByRole('form', { name: `Portal login for Garnet Movers ${unique}` });
		// The keyboard lands in the form's Name, and comes back to the button that opened it once the login is made.
		await expect.poll(() => form.getByLabel('Name').evaluate((input) => input === document.activeElement), WAIT).toBe(true);
		await page.keyboard.type('Gina Garnet');
		await form.getByLabel('Email').click();
		const email = `gina-${unique.toLowerCase()}@garnet.test`;
		await page.keyboard.type(email);
		await form.getByRole('button', { name: 'Create portal login' }).click();

		const password = await page.getByTestId('initial-password').innerText();
		expect(password.length).toBeGreaterThanOrEqual(10);
		await expect.poll(() => opener.evaluate((button) => button === document.activeElement), WAIT).toBe(true);
		await expect.poll(() => logins.getByRole('list', { name: 'Portal logins' }).innerText(), WAIT).toContain(email);
		await screenshot(page, 'customer-portal-login');
		await page.getByRole('button', { name: 'Done' }).click();
		expect(await page.getByTestId('initial-password').count()).toBe(0);
		await expect.poll(() => opener.evaluate((button) => button === document.activeElement), WAIT).toBe(true);

		// The same email again is refused, next to the field.
		await logins.getByRole('button', { name: 'Give portal access' }).click();
		await form.getByLabel('Name').click();
		await page.keyboard.type('Gina Again');
		await form.getByLabel('Email').click();
		await page.keyboard.type(email);
		await form.getByRole('button', { name: 'Create portal login' }).click();
		await form.getByText('This email cannot be used for a new login').waitFor();

		const portal = await openPage(browser);
		await portal.page.goto('/login');
		await portal.page.getByLabel('Email').click();
		await portal.page.keyboard.type(email);
		await portal.page.getByLabel('Password').click();
		await portal.page.keyboard.type(password);
		await portal.page.getByRole('button', { name: 'Sign in' }).click();
		await portal.page.waitForURL('**/portal');
		await expect.poll(() => portal.page.locator('main').innerText(), WAIT).toContain(upcomingJob.label);
		expect(await portal.page.locator('main').innerText()).not.toContain('Metro Plumbing');
		expectNoConsoleErrors(consoleErrors);
		expectNoConsoleErrors(portal.consoleErrors);
		await portal.context.close();
		await context.close();
	});

	it('puts the vehicles and addresses before the job history, and a long email on one line at 1280 px', async () => {
		const email = `accounts.payable.${unique.toLowerCase()}@garnet-movers-logistics.example`;
		const updated = await api(`mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { __typename } }`, { input: { id: customer.id, email } }, token);
		expect(updated.updateCustomer.__typename).toBe('MutationUpdateCustomerSuccess');
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await openCustomer(page);
		const link = page.getByRole('link', { name: email });
		await link.waitFor();
		expect(await link.evaluate((element) => element.getClientRects().length)).toBe(1);

		for (const width of [1280, 390]) {
			await page.setViewportSize({ width, height: 900 });
			const top = async (name: string) => (await region(page, name).boundingBox())!.y;
			const history = Math.min(await top('Today and upcoming'), await top('Past jobs'));
			expect(await top('Vehicles'), `${width} px`).toBeLessThan(history);
			expect(await top('Service addresses'), `${width} px`).toBeLessThan(history);
		}
		await screenshot(page, 'customer-page-order-390');
		await page.setViewportSize({ width: 1280, height: 900 });
		// Beside each other where there is room.
		expect(Math.abs((await region(page, 'Vehicles').boundingBox())!.y - (await region(page, 'Service addresses').boundingBox())!.y)).toBeLessThan(2);
		await screenshot(page, 'customer-page-order');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('fits a phone', async () => {
		const { context, page, consoleErrors } = await openPage(browser, { width: 390, height: 844 });
		await signIn(page, DISPATCHER);
		await page.goto(`/customers/${encodeURIComponent(customer.id)}`);
		await expect.poll(() => jobLabels(page, 'Past jobs'), WAIT).toEqual([pastJob.label]);
		expect(await page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
		await screenshot(page, 'customer-page-phone');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
	it('breaks a name and notes typed without spaces on a phone, instead of widening the page or cutting them off', async () => {
		const long = await createTestCustomer(token, `Onyx Haulage ${unique}`, { licensePlate: `OH-${unique}`, vin: '1FTBW2CM5HKA11111' });
		const { context, page, consoleErrors } = await openPage(browser, { width: 390, height: 844 });
		await signIn(page, DISPATCHER);
		await page.goto(`/customers/${encodeURIComponent(long.id)}`);
		const name = `Onyx${'X'.repeat(60)}${unique}`;
		await page.getByRole('button', { name: 'Edit customer' }).click();
		await page.getByLabel('Name', { exact: true }).click();
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.type(name);
		await page.getByRole('button', { name: 'Save customer' }).click();
		await page.getByRole('heading', { level: 1, name }).waitFor();
		await page.getByRole('button', { name: `Edit ${long.vehicle.displayName}` }).click();
		await page.getByLabel('Vehicle notes').click();
		await page.keyboard.type(`Keys:${'k'.repeat(120)}`);
		await page.getByRole('button', { name: 'Save vehicle' }).click();
		const notes = region(page, 'Vehicles').getByText(/^Keys:k+$/);
		await notes.waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expect(await notes.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
		await screenshot(page, 'customer-page-long-words-phone');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
