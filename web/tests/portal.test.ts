import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/lib/format';
import { api, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const ZONE = 'America/Chicago';
const INTERNAL_NOTE = 'Customer prefers Mobil 1; upsell wiper blades.';
const CUSTOMER_NOTE = 'Please text on arrival.';

describe('fleet portal', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it("shows the fleet customer's work orders, upcoming and past, with their notes and never an internal note", async () => {
		// The office sees internal notes on some of this customer's work orders: the portal must not show any of them.
		const office = await tokenFor('dispatcher@northwind.test');
		const { customers } = await api(`{ customers(search: "Metro Plumbing", first: 1) { edges { node { id } } } }`, {}, office);
		const { workOrders } = await api(
			`query ($customerId: ID!) { workOrders(filter: { customerId: $customerId }, first: 100) { edges { node { label windowStart internalNotes customerNotes } } } }`,
			{ customerId: customers.edges[0].node.id },
			office
		);
		const orders = workOrders.edges.map((edge: { node: unknown }) => edge.node) as { label: string; windowStart: string; internalNotes: string | null; customerNotes: string | null }[];
		expect(orders.some((order) => order.internalNotes === INTERNAL_NOTE)).toBe(true);
		expect(orders.some((order) => order.customerNotes === CUSTOMER_NOTE)).toBe(true);

		const { context, page, consoleErrors } = await openPage(browser);
		const sent: string[] = [];
		page.on('request', (request) => sent.push(request.postData() ?? ''));
		page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
		await signIn(page, 'fleet@northwind.test');
		await page.getByRole('heading', { name: 'Today and upcoming' }).waitFor();

		const today = todayIn(ZONE);
		const upcoming = page.getByRole('region', { name: 'Today and upcoming' });
		const past = page.getByRole('region', { name: 'Past' });
		const todays = orders.find((order) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(order.windowStart)) === today)!;
		expect(await upcoming.getByTestId(`work-order-${todays.label}`).count()).toBe(1);
		expect(await past.locator('[data-testid^="work-order-"]').count()).toBeGreaterThan(0);

		const content = await page.content();
		expect(content).toContain(CUSTOMER_NOTE);
		// The office writes the note: the customer reads whose it is, not "Your notes".
		expect(await upcoming.getByText('Note from Northwind Mobile Lube').or(past.getByText('Note from Northwind Mobile Lube')).first().isVisible()).toBe(true);
		expect(await page.getByText('Your notes').count()).toBe(0);
		expect(content).not.toContain(INTERNAL_NOTE);
		expect(content).not.toMatch(/internal note/i);
		expect(await page.getByText(/internal notes/i).count()).toBe(0);
		expect(await page.getByLabel(/internal notes/i).count()).toBe(0);
		expect(sent.join('\n')).toContain('PortalWorkOrder');
		expect(sent.join('\n')).not.toContain('internalNotes');

		expect(await page.getByRole('complementary', { name: 'Your vehicles' }).innerText()).toMatch(/\d{4} \w+/);
		await screenshot(page, 'portal');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
