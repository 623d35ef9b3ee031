import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/lib/format';
import { api, bookForMaria, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, signIn } from './support/browser';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 900 };
const ZONE = 'America/Chicago';

describe('live updates', () => {
	let browser: Browser;
	let office: string;
	beforeAll(async () => {
		browser = await launchBrowser();
		office = await tokenFor('dispatcher@northwind.test');
	});
	afterAll(() => browser.close());

	it("a job the office assigns appears on the technician's phone without a reload", async () => {
		const technician = await openPage(browser, PHONE);
		await signIn(technician.page, 'tech@northwind.test');
		await technician.page.getByRole('heading', { name: 'My day' }).waitFor();
		await technician.page.locator('[data-testid^="work-order-"]').first().waitFor();

		const job = await bookForMaria(office, '20:45', { customerNotes: 'Please text on arrival.' });
		const card = technician.page.getByTestId(`work-order-${job.label}`);
		await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
		expect(await card.getAttribute('data-status')).toBe('SCHEDULED');
		expect(await card.getByRole('button', { name: 'Start driving' }).isVisible()).toBe(true);
		expectNoConsoleErrors(technician.consoleErrors);
		await technician.context.close();
	});

	it("a technician's tap shows on the dispatcher's board and in the fleet customer's portal without a reload", async () => {
		const job = await bookForMaria(office, '16:00', { customerNotes: 'Please text on arrival.' });
		const [technician, dispatcher, fleet] = await Promise.all([openPage(browser, PHONE), openPage(browser, DESK), openPage(browser, DESK)]);
		await Promise.all([signIn(technician.page, 'tech@northwind.test'), signIn(dispatcher.page, 'dispatcher@northwind.test'), signIn(fleet.page, 'fleet@northwind.test')]);
		await dispatcher.page.goto(`/schedule?date=${todayIn(ZONE)}`);

		const block = (status: string) => `[data-testid="work-order-${job.label}"][data-status="${status}"]`;
		await Promise.all([technician.page, dispatcher.page, fleet.page].map((page) => page.locator(block('SCHEDULED')).first().waitFor()));

		await technician.page.getByTestId(`work-order-${job.label}`).getByRole('button', { name: 'Start driving' }).click();

		for (const { page } of [technician, dispatcher, fleet]) {
			await expect.poll(() => page.locator(block('EN_ROUTE')).count(), { timeout: 10_000 }).toBeGreaterThan(0);
			expect(await page.locator(block('SCHEDULED')).count()).toBe(0);
		}
		for (const { consoleErrors, context } of [technician, dispatcher, fleet]) {
			expectNoConsoleErrors(consoleErrors);
			await context.close();
		}
	});

	it('the board follows again, missing nothing, when the API ends its subscription (a tab that fell behind)', async () => {
		const job = await bookForMaria(office, '21:30');
		const dispatcher = await openPage(browser, DESK);
		// Between the API and the page: the next change becomes the error the API sends a subscriber that stopped reading.
		let endNextChange = false;
		await dispatcher.page.routeWebSocket(/\/graphql$/, (page) => {
			const server = page.connectToServer();
			server.onMessage((message) => {
				const parsed = JSON.parse(String(message));
				if (endNextChange && parsed.type === 'next' && parsed.payload?.data?.scheduleChanged) {
					endNextChange = false;
					const error = { message: 'This subscription fell too far behind', extensions: { code: 'SUBSCRIBER_TOO_SLOW' } };
					page.send(JSON.stringify({ id: parsed.id, type: 'error', payload: [error] }));
					return;
				}
				page.send(message);
			});
		});
		await signIn(dispatcher.page, 'dispatcher@northwind.test');
		await dispatcher.page.goto(`/schedule?date=${todayIn(ZONE)}`);
		const block = (status: string) => `[data-testid="work-order-${job.label}"][data-status="${status}"]`;
		await dispatcher.page.locator(block('SCHEDULED')).first().waitFor();

		endNextChange = true;
		await api(`mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`, { input: { id: job.id, status: 'EN_ROUTE' } }, office);
		await expect.poll(() => dispatcher.page.locator(block('EN_ROUTE')).count(), { timeout: 10_000 }).toBeGreaterThan(0);
		expect(endNextChange).toBe(false);
		await dispatcher.context.close();
	});
});

