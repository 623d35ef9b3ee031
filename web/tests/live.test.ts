import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { instantOf, todayIn } from '../src/lib/format';
import { expectNoConsoleErrors, launchBrowser, openPage, signIn } from './support/browser';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 900 };
const ZONE = 'America/Chicago';

/** GraphQL against the same origin the browser uses. */
async function api<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
	const response = await fetch(`${inject('baseUrl')}/graphql`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify({ query, variables })
	});
	const body = (await response.json()) as { data?: T; errors?: unknown };
	if (!body.data) throw new Error(JSON.stringify(body.errors));
	return body.data;
}

async function tokenFor(email: string): Promise<string> {
	const data = await api(`mutation ($input: LoginInput!) { login(input: $input) { ... on MutationLoginSuccess { session { token } } } }`, {
		input: { email, password: 'demo-password' }
	});
	return data.login.session.token;
}

/**
 * Books a 45-minute job today at a local time for Maria Lopez (tech@northwind.test) and the customer
 * of the fleet login (Metro Plumbing), through the API as the office.
 */
async function bookForMaria(token: string, at: string): Promise<{ id: string; label: string }> {
	const { technicians, customers, serviceTypes } = await api(
		`{ technicians { id name } customers(search: "Metro Plumbing", first: 1) { edges { node { id vehicles { id } addresses { id } } } }
		   serviceTypes { id name } }`,
		{},
		token
	);
	const customer = customers.edges[0].node;
	const input = {
		customerId: customer.id,
		vehicleId: customer.vehicles[0].id,
		serviceAddressId: customer.addresses[0].id,
		serviceTypeId: serviceTypes.find((s: { name: string }) => s.name === 'Conventional Oil Change').id,
		technicianId: technicians.find((t: { name: string }) => t.name === 'Maria Lopez').id,
		windowStart: instantOf(todayIn(ZONE), at, ZONE),
		customerNotes: 'Please text on arrival.'
	};
	const data = await api(
		`mutation ($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { __typename ... on Error { message } ... on MutationCreateWorkOrderSuccess { workOrder { id label } } } }`,
		{ input },
		token
	);
	if (data.createWorkOrder.__typename !== 'MutationCreateWorkOrderSuccess') throw new Error(`Could not book at ${at}: ${data.createWorkOrder.message}`);
	return data.createWorkOrder.workOrder;
}

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

		const job = await bookForMaria(office, '20:45');
		const card = technician.page.getByTestId(`work-order-${job.label}`);
		await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
		expect(await card.getAttribute('data-status')).toBe('SCHEDULED');
		expect(await card.getByRole('button', { name: 'Start driving' }).isVisible()).toBe(true);
		expectNoConsoleErrors(technician.consoleErrors);
		await technician.context.close();
	});

	it("a technician's tap shows on the dispatcher's board and in the fleet customer's portal without a reload", async () => {
		const job = await bookForMaria(office, '16:00');
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
});
