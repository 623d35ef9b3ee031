import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from './support/api';
import { DEMO_PASSWORD, expectNoConsoleErrors, launchBrowser, openPage } from './support/browser';

/** Signs in the way a person does: clicks each field, types, clicks the button. */
async function typeSignIn(page: Page, email: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Email').click();
	await page.keyboard.type(email);
	await page.getByLabel('Password').click();
	await page.keyboard.type(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The operations the page sent to the API, by name. */
function recordOperations(page: Page): string[] {
	const operations: string[] = [];
	page.on('request', (request) => {
		const name = /(?:query|mutation|subscription)\s+(\w+)/.exec(request.postData() ?? '')?.[1];
		if (request.url().endsWith('/graphql') && name) operations.push(name);
	});
	return operations;
}

describe('each role reaches only its own pages', () => {
	let browser: Browser;
	let ownJobId: string;

	beforeAll(async () => {
		browser = await launchBrowser();
		const jobs = await api(`{ workOrders(first: 1) { edges { node { id } } } }`, {}, await tokenFor('fleet@northwind.test'));
		ownJobId = jobs.workOrders.edges[0].node.id;
	});
	afterAll(() => browser.close());

	it('sends a fleet customer who types an office address to the portal, showing none of it', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await typeSignIn(page, 'fleet@northwind.test');
		const operations = recordOperations(page);
		for (const path of ['/technicians', '/schedule', `/work-orders/${encodeURIComponent(ownJobId)}`, '/customers', '/settings/api-keys']) {
			await page.goto(path);
			await page.waitForURL('**/portal');
			await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).not.toBe('');
			expect(await page.getByText('Reschedule').count(), path).toBe(0);
			expect(await page.getByText('Internal notes').count(), path).toBe(0);
			expect(await page.getByRole('heading', { name: 'Technicians' }).count(), path).toBe(0);
		}
		expect(operations.filter((name) => ['TechniciansPage', 'Schedule', 'WorkOrderPage', 'CustomersPage'].includes(name))).toEqual([]);
		const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
		expect(nav).toEqual(['My work orders']);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('sends a technician who opens the schedule board to their day', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await typeSignIn(page, 'tech@northwind.test');
		expect(new URL(page.url()).pathname).toBe('/my-day');
		await page.goto('/schedule');
		await page.waitForURL('**/my-day');
		await page.goto('/technicians');
		await page.waitForURL('**/my-day');
		expect(await page.getByText('Unassigned').count()).toBe(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("keeps a dispatcher off the admin's API keys and offers the office's actions the API allows", async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await typeSignIn(page, 'dispatcher@northwind.test');
		await page.goto('/settings/api-keys');
		await page.waitForURL('**/schedule**');
		await expect.poll(() => page.getByRole('button', { name: 'New work order' }).count()).toBe(1);
		// A job that is still scheduled can be rescheduled; the API says so through canEdit.
		const scheduled = await api(
			`{ workOrders(first: 1, filter: { statuses: [SCHEDULED] }) { edges { node { id canEdit } } } }`,
			{},
			await tokenFor('dispatcher@northwind.test')
		);
		const job = scheduled.workOrders.edges[0].node;
		expect(job.canEdit).toBe(true);
		await page.goto(`/work-orders/${encodeURIComponent(job.id)}`);
		await expect.poll(() => page.getByRole('heading', { name: 'Reschedule or reassign' }).count()).toBe(1);
		await expect.poll(() => page.getByTestId('internal-notes').count()).toBe(1);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('shows no Reschedule form on a job the API says may no longer be edited', async () => {
		const token = await tokenFor('dispatcher@northwind.test');
		const done = await api(`{ workOrders(first: 1, filter: { statuses: [COMPLETED] }) { edges { node { id canEdit } } } }`, {}, token);
		const job = done.workOrders.edges[0].node;
		expect(job.canEdit).toBe(false);
		const { context, page, consoleErrors } = await openPage(browser);
		await typeSignIn(page, 'dispatcher@northwind.test');
		await page.goto(`/work-orders/${encodeURIComponent(job.id)}`);
		await expect.poll(() => page.getByRole('heading', { name: 'Timeline' }).count()).toBe(1);
		expect(await page.getByRole('heading', { name: 'Reschedule or reassign' }).count()).toBe(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
