import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/lib/format';
import { api, bookForCustomer, bookForMaria, createTestCustomer, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const PHONE = { width: 390, height: 844 };
const ZONE = 'America/Chicago';
const INTERNAL_NOTE = 'Customer prefers Mobil 1; upsell wiper blades.';

/** The status changes the API logged for a work order, as [from, to] pairs. */
async function statusChanges(token: string, id: string): Promise<[string, string][]> {
	const { workOrder } = await api(`query ($id: ID!) { workOrder(id: $id) { events { type before { status } after { status } } } }`, { id }, token);
	return workOrder.events
		.filter((event: { type: string }) => event.type === 'STATUS_CHANGED')
		.map((event: { before: { status: string }; after: { status: string } }) => [event.before.status, event.after.status]);
}

const statusOf = async (token: string, id: string): Promise<string> => (await api(`query ($id: ID!) { workOrder(id: $id) { status } }`, { id }, token)).workOrder.status;

const jobCard = (page: Page, label: string) => page.getByTestId(`work-order-${label}`);

/** Network failures this test causes on purpose (offline, or an answer cut off). */
const unexpected = (errors: string[]) => errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|ERR_FAILED|WebSocket connection/.test(error));

describe('technician "my day"', () => {
	let browser: Browser;
	let office: string;
	let technician: string;
	beforeAll(async () => {
		browser = await launchBrowser();
		[office, technician] = await Promise.all([tokenFor('dispatcher@northwind.test'), tokenFor('tech@northwind.test')]);
	});
	afterAll(() => browser.close());

	it("lists today's jobs in time order with the address, access notes, vehicle, customer notes and internal notes", async () => {
		const job = await bookForMaria(office, '17:00', { customerNotes: 'Please text on arrival.', internalNotes: INTERNAL_NOTE });
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'tech@northwind.test');
		const card = jobCard(page, job.label);
		await card.waitFor();

		const text = await card.innerText();
		for (const expected of [job.address.oneLine, job.address.accessNotes, job.vehicle, 'Metro Plumbing', 'Please text on arrival.', INTERNAL_NOTE, '5:00 PM']) {
			expect(text).toContain(expected);
		}

		const { workOrders } = await api(
			`query ($date: Date!) { workOrders(filter: { from: $date, to: $date }) { edges { node { label } } } }`,
			{ date: todayIn(ZONE) },
			technician
		);
		const shown = await page.locator('[data-testid^="work-order-"]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
		expect(shown).toEqual(workOrders.edges.map((edge: { node: { label: string } }) => `work-order-${edge.node.label}`));

		await screenshot(page, 'technician');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("breaks a customer's name typed without spaces instead of widening the phone's page", async () => {
		const unique = Math.random().toString(36).slice(2, 6).toUpperCase();
		const name = `Vantage${'V'.repeat(60)}${unique}`;
		const customer = await createTestCustomer(office, name, { licensePlate: `VL-${unique}`, vin: '5FTBW2CM5HKA33333' });
		const job = await bookForCustomer(office, customer, todayIn(ZONE), '12:15', 'Maria Lopez');
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'tech@northwind.test');
		await jobCard(page, job.label).getByRole('heading', { name }).waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("moves a job one step per tap, with the button the API's next statuses call for", async () => {
		const job = await bookForMaria(office, '17:45');
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'tech@northwind.test');
		const card = jobCard(page, job.label);

		for (const [button, status] of [
			['Start driving', 'EN_ROUTE'],
			['Arrived', 'ON_SITE'],
			['Start work', 'IN_PROGRESS'],
			['Complete', 'COMPLETED']
		] as const) {
			await card.getByRole('button', { name: button, exact: true }).click();
			if (status === 'COMPLETED') {
				// Completing issues the invoice: the phone asks first; "Not yet" keeps the job in progress.
				const question = page.getByRole('alertdialog');
				expect(await question.innerText()).toContain(`Complete ${job.label}? This issues the invoice to Metro Plumbing and cannot be undone.`);
				await question.getByRole('button', { name: 'Not yet' }).click();
				await expect.poll(() => question.count()).toBe(0);
				expect(await card.getAttribute('data-status')).toBe('IN_PROGRESS');
				expect(await statusOf(office, job.id)).toBe('IN_PROGRESS');
				await card.getByRole('button', { name: button, exact: true }).click();
				await question.getByRole('button', { name: 'Complete and invoice' }).click();
			}
			await expect.poll(() => card.getAttribute('data-status')).toBe(status);
			// The live update can show the status a moment before the tap's own answer clears it.
			if (status === 'ON_SITE') {
				await expect.poll(() => card.getByRole('button', { name: 'Customer not here' }).isVisible()).toBe(true);
				// A no-show ends the job for good: one tap beside "Start work" only asks, and "Not yet" leaves it on site.
				await card.getByRole('button', { name: 'Customer not here' }).click();
				const question = page.getByRole('alertdialog');
				expect(await question.innerText()).toContain(`End ${job.label} as a no-show? Metro Plumbing was not there; this cannot be undone.`);
				await question.getByRole('button', { name: 'Not yet' }).click();
				await expect.poll(() => question.count()).toBe(0);
				expect(await statusOf(office, job.id)).toBe('ON_SITE');
			}
		}
		expect(await card.getByRole('button').count()).toBe(0);
		expect(await statusChanges(office, job.id)).toEqual([
			['SCHEDULED', 'EN_ROUTE'],
			['EN_ROUTE', 'ON_SITE'],
			['ON_SITE', 'IN_PROGRESS'],
			['IN_PROGRESS', 'COMPLETED']
		]);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps a tap made offline, shows it waiting, and sends it once when the phone is back online', async () => {
		const job = await bookForMaria(office, '18:30');
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'tech@northwind.test');
		const card = jobCard(page, job.label);
		await card.waitFor();

		await context.setOffline(true);
		await card.getByRole('button', { name: 'Start driving' }).click();
		await expect.poll(() => card.getByTestId('pending-tap').innerText()).toContain('Waiting to send');
		await page.waitForTimeout(1_000);
		expect(await statusOf(office, job.id)).toBe('SCHEDULED');
		const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('dispatch.my-day.outbox')).flatMap((key) => JSON.parse(localStorage.getItem(key)!)));
		expect(kept).toEqual([expect.objectContaining({ status: 'EN_ROUTE', idempotencyKey: expect.any(String) })]);

		await context.setOffline(false);
		await expect.poll(() => card.getAttribute('data-status'), { timeout: 15_000 }).toBe('EN_ROUTE');
		// The live update may show the new status a moment before the outbox hears its own answer.
		await expect.poll(() => card.getByTestId('pending-tap').count()).toBe(0);
		await expect.poll(() => card.getByRole('button', { name: 'Arrived' }).isVisible()).toBe(true);
		expect(await statusChanges(office, job.id)).toEqual([['SCHEDULED', 'EN_ROUTE']]);
		expect(unexpected(consoleErrors), consoleErrors.join('\n')).toEqual([]);
		await context.close();
	});

	it('opens without signal after one visit, with the jobs kept on the phone, and sends Arrived, Start work and Complete once each, in order', async () => {
		const job = await bookForMaria(office, '20:00');
		// Maria set off while she still had signal.
		const started = await api(`mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`, { input: { id: job.id, status: 'EN_ROUTE' } }, technician);
		expect(started.transitionWorkOrder.__typename).toBe('MutationTransitionWorkOrderSuccess');
		const { context, page, consoleErrors } = await openPage(browser, PHONE, { serviceWorkers: 'allow' });
		await signIn(page, 'tech@northwind.test');
		const card = jobCard(page, job.label);
		await card.waitFor();
		// The one visit: the service worker has taken the app shell.
		await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);

		// In the dead zone the app still opens, with the day as it was last received, marked as such.
		await context.setOffline(true);
		await page.reload();
		await card.waitFor();
		expect(await page.getByTestId('kept-day').innerText()).toMatch(/^Offline — showing jobs as of \d{1,2}:\d{2}\s?[AP]M\./);
		expect(await card.getAttribute('data-status')).toBe('EN_ROUTE');
		expect(await card.innerText()).toContain(job.address.accessNotes);
		await screenshot(page, 'technician-offline');

		// Three taps wait on the card, in order; the last one asked first (it issues the invoice).
		await card.getByRole('button', { name: 'Arrived', exact: true }).click();
		await card.getByRole('button', { name: 'Start work', exact: true }).click();
		await card.getByRole('button', { name: 'Complete', exact: true }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Complete and invoice' }).click();
		const queued = ['Waiting to send: On site', 'Waiting to send: In progress', 'Waiting to send: Completed'];
		await expect.poll(() => card.getByTestId('pending-tap').allInnerTexts()).toEqual(queued);
		expect(await card.getByRole('button').count()).toBe(0);
		await screenshot(page, 'technician-offline-queue');

		// They survive a reload without signal, and the API has none of them yet.
		await page.reload();
		await expect.poll(() => card.getByTestId('pending-tap').allInnerTexts()).toEqual(queued);
		expect(await statusOf(office, job.id)).toBe('EN_ROUTE');

		// Back online: each goes once, in the order tapped, and the card is live again.
		await context.setOffline(false);
		await expect.poll(() => card.getAttribute('data-status'), { timeout: 30_000 }).toBe('COMPLETED');
		await expect.poll(() => card.getByTestId('pending-tap').count()).toBe(0);
		await expect.poll(() => page.getByTestId('kept-day').count()).toBe(0);
		expect(await statusChanges(office, job.id)).toEqual([
			['SCHEDULED', 'EN_ROUTE'],
			['EN_ROUTE', 'ON_SITE'],
			['ON_SITE', 'IN_PROGRESS'],
			['IN_PROGRESS', 'COMPLETED']
		]);
		const { workOrder } = await api(`query ($id: ID!) { workOrder(id: $id) { invoice { number } } }`, { id: job.id }, office);
		expect(workOrder.invoice).not.toBeNull();
		expect(unexpected(consoleErrors), consoleErrors.join('\n')).toEqual([]);
		await context.close();
	});

	it('drops the later taps of a job when the API refuses an earlier one, and says why', async () => {
		const job = await bookForMaria(office, '21:00');
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'tech@northwind.test');
		const card = jobCard(page, job.label);
		await card.waitFor();
		await context.setOffline(true);
		await card.getByRole('button', { name: 'Start driving', exact: true }).click();
		await card.getByRole('button', { name: 'Arrived', exact: true }).click();
		await expect.poll(() => card.getByTestId('pending-tap').count()).toBe(2);

		// Meanwhile the office cancels the job.
		const canceled = await api(
			`mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`,
			{ input: { id: job.id, status: 'CANCELED', reason: 'Customer called' } },
			office
		);
		expect(canceled.transitionWorkOrder.__typename).toBe('MutationTransitionWorkOrderSuccess');
		await context.setOffline(false);
		await expect.poll(() => card.getByRole('alert').innerText(), { timeout: 30_000 }).toMatch(/from CANCELED/);
		await expect.poll(() => card.getByTestId('pending-tap').count()).toBe(0);
		await expect.poll(() => card.getAttribute('data-status')).toBe('CANCELED');
		expect(await statusChanges(office, job.id)).toEqual([['SCHEDULED', 'CANCELED']]);
		expect(unexpected(consoleErrors), consoleErrors.join('\n')).toEqual([]);
		await context.close();
	});

	it('retries a tap whose answer was lost, across a reload, with the same idempotency key, and the job moves once', async () => {
		const job = await bookForMaria(office, '19:15');
		const { context, page, consoleErrors } = await openPage(browser, PHONE);
		await signIn(page, 'tech@northwind.test');
		const card = jobCard(page, job.label);
		await card.waitFor();

		// The API gets every attempt, but while `cutOff` holds the phone never hears the answer.
		const keysSent: string[] = [];
		let cutOff = true;
		await page.route('**/graphql', async (route) => {
			const body = route.request().postDataJSON() as { query?: string; variables?: { input?: { idempotencyKey?: string } } } | null;
			if (!body?.query?.includes('transitionWorkOrder')) return route.continue();
			keysSent.push(body.variables!.input!.idempotencyKey!);
			const response = await route.fetch();
			return cutOff ? route.abort('connectionreset') : route.fulfill({ response });
		});

		await card.getByRole('button', { name: 'Start driving' }).click();
		await expect.poll(() => card.getByTestId('pending-tap').innerText()).toContain('Waiting to send');
		expect(await statusOf(office, job.id)).toBe('EN_ROUTE');

		await page.reload();
		await expect.poll(() => card.getByTestId('pending-tap').innerText()).toContain('Waiting to send');

		cutOff = false;
		await expect.poll(() => card.getByTestId('pending-tap').count(), { timeout: 20_000 }).toBe(0);
		expect(await card.getAttribute('data-status')).toBe('EN_ROUTE');
		expect(await card.getByRole('alert').count()).toBe(0);
		expect(keysSent.length).toBeGreaterThanOrEqual(2);
		expect(new Set(keysSent).size).toBe(1);
		expect(await statusChanges(office, job.id)).toEqual([['SCHEDULED', 'EN_ROUTE']]);
		expect(unexpected(consoleErrors), consoleErrors.join('\n')).toEqual([]);
		await context.close();
	});
});
