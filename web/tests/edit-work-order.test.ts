import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../src/lib/format';
import { api, bookForCustomer, createTestCustomer, tokenFor } from './support/api';
import { chooseOption, expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const ZONE = 'America/Chicago';
const DISPATCHER = 'dispatcher@northwind.test';
const WAIT = { timeout: 10_000 };
const unique = Math.random().toString(36).slice(2, 6).toUpperCase();
const DAY = addDays(todayIn(ZONE), 33);

const details = (page: Page) => page.getByRole('form', { name: 'Edit details' });
const timeline = (page: Page) => page.getByRole('list', { name: 'Status timeline' }).getByTestId('timeline-entry').allInnerTexts();
const fact = (page: Page, name: string) => page.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=..').innerText();

/** Replaces what a field holds with text typed as a person does. */
async function retype(page: Page, field: ReturnType<Page['getByLabel']>, text: string) {
	await field.click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Backspace');
	await page.keyboard.type(text);
}

describe('editing a Scheduled job', () => {
	let browser: Browser;
	let token: string;
	let customer: Awaited<ReturnType<typeof createTestCustomer>>;
	let secondVehicle: { id: string; displayName: string };

	beforeAll(async () => {
		browser = await launchBrowser();
		token = await tokenFor(DISPATCHER);
		customer = await createTestCustomer(token, `Jasper Plumbing ${unique}`, { licensePlate: `JP-${unique}`, vin: '4FTBW2CM5HKA11111', make: 'Ford', model: 'Transit' });
		const { createVehicle } = await api(
			`mutation ($input: CreateVehicleInput!) { createVehicle(input: $input) { ... on MutationCreateVehicleSuccess { vehicle { id displayName } } } }`,
			{ input: { customerId: customer.id, make: 'Ram', model: 'ProMaster', year: 2023, licensePlate: `JP2-${unique}` } },
			token
		);
		secondVehicle = createVehicle.vehicle;
	});
	afterAll(() => browser.close());

	it('changes the service type, vehicle, price and both notes, and the timeline records before and after', async () => {
		const job = await bookForCustomer(token, customer, DAY, '08:00', 'Priya Raman');
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders/${encodeURIComponent(job.id)}`);
		await details(page).waitFor();

		await chooseOption(details(page).getByLabel('Service type'), 'Synthetic Oil Change');
		// Another service type brings its own price, which can then be overridden.
		await expect.poll(() => details(page).getByLabel(/^Price/).inputValue(), WAIT).toBe('89.99');
		await retype(page, details(page).getByLabel(/^Price/), '104.50');
		await details(page).getByLabel('Vehicle').selectOption({ label: `${secondVehicle.displayName} · JP2-${unique}` });
		await details(page).getByLabel('Customer notes').click();
		await page.keyboard.type('Park in the loading bay');
		await details(page).getByLabel('Internal notes').click();
		await page.keyboard.type('Check the rear brake light too');
		await details(page).getByRole('button', { name: 'Save details' }).click();

		await page.getByRole('status').filter({ hasText: 'Details saved.' }).waitFor();
		await expect.poll(async () => (await timeline(page)).at(-1), WAIT).toContain('Edited');
		const entry = (await timeline(page)).at(-1)!;
		expect(entry).toContain('Service: Conventional Oil Change → Synthetic Oil Change');
		expect(entry).toContain(`Vehicle: ${customer.vehicle.displayName} → ${secondVehicle.displayName}`);
		expect(entry).toMatch(/Price: \$[\d.]+ → \$104\.50/);
		expect(entry).toContain('Customer notes: none → “Park in the loading bay”');
		expect(entry).toContain('Internal notes: none → “Check the rear brake light too”');
		expect(entry).toContain('Dana Dispatcher');
		expect(await fact(page, 'Service')).toContain('Synthetic Oil Change');
		expect(await fact(page, 'Service')).toContain('$104.50');
		expect(await fact(page, 'Vehicle')).toContain(secondVehicle.displayName);
		expect(await page.getByTestId('internal-notes').innerText()).toContain('Check the rear brake light too');
		expect(await page.getByRole('alert').count()).toBe(0);
		await screenshot(page, 'work-order-edited');

		// Once the job has started the API no longer offers the edit, and the form goes.
		await page.getByRole('group', { name: 'Move this work order' }).getByRole('button', { name: 'En route', exact: true }).click();
		await expect.poll(() => page.getByTestId('status').textContent(), WAIT).toBe('En route');
		await expect.poll(() => details(page).count(), WAIT).toBe(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps a price it cannot read in the form, sending nothing, and asks to reload when the job changed meanwhile', async () => {
		const job = await bookForCustomer(token, customer, DAY, '10:00');
		const { context, page, consoleErrors } = await openPage(browser);
		// No live updates on this page: it does not learn of the change made elsewhere.
		await page.routeWebSocket(/\/graphql$/, () => {});
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders/${encodeURIComponent(job.id)}`);
		await details(page).waitFor();

		await retype(page, details(page).getByLabel(/^Price/), 'a lot');
		await details(page).getByRole('button', { name: 'Save details' }).click();
		await details(page).getByText('Enter an amount like 89.99').waitFor();
		const { workOrder } = await api(`query ($id: ID!) { workOrder(id: $id) { version priceMinor } }`, { id: job.id }, token);
		expect(workOrder.version).toBe(1);

		await api(`mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename } }`, { input: { id: job.id, customerNotes: 'Changed elsewhere' } }, token);
		await retype(page, details(page).getByLabel(/^Price/), '70');
		await details(page).getByRole('button', { name: 'Save details' }).click();
		const prompt = page.getByRole('alert').filter({ hasText: 'This work order changed since you opened it.' });
		await prompt.waitFor();
		const after = await api(`query ($id: ID!) { workOrder(id: $id) { priceMinor customerNotes } }`, { id: job.id }, token);
		expect(after.workOrder).toEqual({ priceMinor: workOrder.priceMinor, customerNotes: 'Changed elsewhere' });
		await prompt.getByRole('button', { name: 'Reload' }).click();
		await expect.poll(() => details(page).getByLabel('Customer notes').inputValue(), WAIT).toBe('Changed elsewhere');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
	it('breaks notes and a customer name typed without spaces on a phone, instead of widening the page', async () => {
		const long = await createTestCustomer(token, `Jasper${'J'.repeat(60)}${unique}`, { licensePlate: `JL-${unique}`, vin: '4FTBW2CM5HKA22222' });
		const job = await bookForCustomer(token, long, DAY, '10:00', 'Priya Raman');
		const { context, page, consoleErrors } = await openPage(browser, { width: 390, height: 844 });
		await signIn(page, DISPATCHER);
		await page.goto(`/work-orders/${encodeURIComponent(job.id)}`);
		await details(page).waitFor();
		await details(page).getByLabel('Customer notes').click();
		await page.keyboard.type(`Gate:${'g'.repeat(150)}`);
		await details(page).getByRole('button', { name: 'Save details' }).click();
		await page.getByText(/^Gate:g+$/).first().waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		await screenshot(page, 'work-order-long-words-phone');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
