import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, book, bookForMaria, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const ADMIN = 'admin@northwind.test';
/** The admin of the second demo organization (prisma/seed.ts). */
const KIWI_ADMIN = 'admin@kiwi.test';
const WAIT = { timeout: 15_000 };

/** An endpoint made through the API as `token`, for what a test needs beside the page; its ID. */
async function createEndpoint(token: string, url: string, eventTypes: string[]): Promise<string> {
	const data = await api(
		`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename ... on MutationCreateWebhookEndpointSuccess { created { endpoint { id } } } } }`,
		{ input: { url, description: '', eventTypes } },
		token
	);
	return data.createWebhookEndpoint.created.endpoint.id;
}

const deleteEndpoint = (token: string, id: string) =>
	api(`mutation ($input: WebhookEndpointIdInput!) { deleteWebhookEndpoint(input: $input) { __typename } }`, { input: { id } }, token);

/**
 * What frames a form on the page, from the form out to the page's main area: each box that shows a shadow,
 * a border all round or a fill of its own (a row's line to the next is no frame). A card drawn inside a card
 * shows as two shadows.
 */
const framesAround = (form: Locator) =>
	form.evaluate((element) => {
		const frames: { shadow: boolean; border: boolean; fill: string }[] = [];
		for (let box: Element | null = element; box && box.tagName !== 'MAIN'; box = box.parentElement) {
			const style = getComputedStyle(box);
			const shadow = style.boxShadow !== 'none';
			const border = ['top', 'right', 'bottom', 'left'].every((side) => parseFloat(style.getPropertyValue(`border-${side}-width`)) > 0);
			const fill = style.backgroundColor === 'rgba(0, 0, 0, 0)' ? '' : style.backgroundColor;
			if (shadow || border || fill) frames.push({ shadow, border, fill });
		}
		return frames;
	});

/** A receiver on this machine: it checks every signature with the secret the page showed, answers 500 first, then 200. */
class Receiver {
	received: { id: string; type: string; verified: boolean }[] = [];
	secret = '';
	failFirst = 1;
	/** Answers 410 Gone to everything while set. */
	gone = false;
	private server!: Server;

	async start(): Promise<string> {
		this.server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks).toString();
				let verified = true;
				try {
					new Webhook(this.secret).verify(body, request.headers as Record<string, string>);
				} catch {
					verified = false;
				}
				this.received.push({ id: String(request.headers['webhook-id']), type: JSON.parse(body).type, verified });
				if (this.gone) response.writeHead(410).end('gone');
				else if (this.failFirst-- > 0) response.writeHead(500).end('receiver restarting');
				else response.writeHead(200).end('thanks');
			});
		});
		await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
	}

	close() {
		this.server.close();
	}
}

describe('Settings → Webhooks (admins)', () => {
	let browser: Browser;
	const receiver = new Receiver();
	let url: string;
	beforeAll(async () => {
		browser = await launchBrowser();
		url = await receiver.start();
	});
	afterAll(async () => {
		receiver.close();
		await browser.close();
	});

	it('adds an endpoint with its secret shown once, shows a failed delivery in the log and replays it; sends a test event', async () => {
		const { page, consoleErrors } = await openPage(browser);
		await signIn(page, ADMIN);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
		await page.waitForURL('**/settings/webhooks');

		await page.getByRole('button', { name: 'Add endpoint' }).click();
		const form = page.getByRole('form', { name: 'New webhook endpoint' });
		await form.getByLabel('URL').click();
		await page.keyboard.type(url);
		await form.getByLabel('Description').click();
		await page.keyboard.type('Accounting sync');
		await form.getByLabel('Work order created').click();
		await form.getByRole('button', { name: 'Add endpoint' }).click();

		const secretPanel = page.getByRole('region', { name: 'New signing secret' });
		receiver.secret = (await secretPanel.getByTestId('new-secret').textContent())!.trim();
		expect(receiver.secret).toMatch(/^whsec_/);
		await screenshot(page, 'webhooks-secret');
		await secretPanel.getByRole('button', { name: 'I have saved it' }).click();
		await expect.poll(() => secretPanel.count()).toBe(0);

		const office = await tokenFor(ADMIN);
		await bookForMaria(office, '22:15');
		await expect.poll(() => receiver.received.length, WAIT).toBe(1);

		const card = page.getByRole('listitem', { name: url });
		await card.getByRole('link', { name: 'Delivery log' }).click();
		await page.waitForURL('**/settings/webhooks/*');
		const failed = page.getByRole('row').filter({ hasText: 'HTTP 500' });
		await expect.poll(async () => (await page.reload(), await failed.count()), WAIT).toBe(1);
		expect(await failed.innerText()).toContain('receiver restarting');
		await screenshot(page, 'webhooks-log');

		// Replay with a real pointer: move to the button, press and release.
		const replay = failed.getByRole('button', { name: /^Replay msg_/ });
		const box = (await replay.boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await page.mouse.up();
		await page.getByRole('status').filter({ hasText: 'is being sent again' }).waitFor(WAIT);
		await expect.poll(() => receiver.received.length, WAIT).toBe(2);
		expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id);
		await expect.poll(async () => (await page.reload(), await page.getByRole('row').filter({ hasText: 'HTTP 200' }).count()), WAIT).toBe(1);

		await page.getByRole('button', { name: 'Send test event' }).click();
		await expect.poll(() => receiver.received.length, WAIT).toBe(3);
		expect(receiver.received.map((r) => r.type)).toEqual(['work_order.created', 'work_order.created', 'webhook.test']);
		expect(receiver.received.every((r) => r.verified)).toBe(true);

		const mobile = await openPage(browser, { width: 390, height: 844 });
		await signIn(mobile.page, ADMIN);
		await mobile.page.goto(page.url());
		await mobile.page.getByRole('row').filter({ hasText: 'HTTP 200' }).first().waitFor(WAIT);
		await screenshot(mobile.page, 'webhooks-log-390');
		expectNoConsoleErrors(consoleErrors);
		expectNoConsoleErrors(mobile.consoleErrors);
	});

	it('edits an endpoint by typing and clicking; a 410 disables it, every page tells the admin why, and enabling it again sends what waited', async () => {
		const second = new Receiver();
		second.failFirst = 0;
		const secondUrl = await second.start();
		try {
			const { page, consoleErrors } = await openPage(browser);
			await signIn(page, ADMIN);
			await page.goto(new URL('/settings/webhooks', page.url()).toString());
			await page.getByRole('button', { name: 'Add endpoint' }).click();
			const form = page.getByRole('form', { name: 'New webhook endpoint' });
			await form.getByLabel('URL').click();
			await page.keyboard.type(`${secondUrl}/old`);
			await form.getByLabel('Customer added').click();
			await form.getByRole('button', { name: 'Add endpoint' }).click();
			const secretPanel = page.getByRole('region', { name: 'New signing secret' });
			second.secret = (await secretPanel.getByTestId('new-secret').textContent())!.trim();
			await secretPanel.getByRole('button', { name: 'I have saved it' }).click();

			// Edit: a new URL, work orders instead of customers, a description; a bad URL first is refused in place.
			const card = page.getByRole('listitem', { name: `${secondUrl}/old` });
			await card.getByRole('button', { name: 'Edit' }).click();
			const edit = page.getByRole('form', { name: `Edit ${secondUrl}/old` });
			const urlField = edit.getByLabel('URL');
			await urlField.click();
			await page.keyboard.press('ControlOrMeta+a');
			await page.keyboard.type('ftp://example.com/hooks');
			await edit.getByRole('button', { name: 'Save changes' }).click();
			await edit.getByText('Use an http or https URL').waitFor(WAIT);
			await urlField.click();
			await page.keyboard.press('ControlOrMeta+a');
			await page.keyboard.type(secondUrl);
			await edit.getByLabel('Customer added').click();
			await edit.getByLabel('Work order created').click();
			await edit.getByLabel('Description').click();
			await page.keyboard.type('Fleet portal mirror');
			await screenshot(page, 'webhooks-edit');
			await edit.getByRole('button', { name: 'Save changes' }).click();
			await page.getByRole('status').filter({ hasText: `${secondUrl} was saved.` }).waitFor(WAIT);
			const edited = page.getByRole('listitem', { name: secondUrl });
			await edited.getByText('Fleet portal mirror').waitFor(WAIT);
			expect(await edited.innerText()).toContain('Work order created');
			expect(await edited.innerText()).not.toContain('Customer added');

			// Disable and enable by the form's checkbox.
			await edited.getByRole('button', { name: 'Edit' }).click();
			await page.getByRole('form', { name: `Edit ${secondUrl}` }).getByLabel('Enabled').click();
			await page.getByRole('form', { name: `Edit ${secondUrl}` }).getByRole('button', { name: 'Save changes' }).click();
			await edited.getByText('Disabled', { exact: true }).waitFor(WAIT);
			await edited.getByRole('button', { name: 'Enable' }).click();
			await edited.getByText('Enabled', { exact: true }).waitFor(WAIT);

			// The receiver now answers 410: the endpoint is disabled, and the admin is told why on every page.
			second.gone = true;
			const office = await tokenFor(ADMIN);
			await book(office, { at: '10:00', date: '2031-03-04' });
			await expect.poll(() => second.received.length, WAIT).toBe(1);
			await page.goto(new URL('/schedule', page.url()).toString());
			const notice = page.getByRole('alert', { name: 'Disabled webhook endpoints' });
			// The notice is read when a page loads: reload until the 410's attempt has been recorded.
			await expect.poll(async () => (await page.reload(), await notice.waitFor({ timeout: 3_000 }).then(() => 1, () => 0)), WAIT).toBe(1);
			expect(await notice.innerText()).toContain(`Webhook endpoint ${secondUrl} was disabled. The receiver answered 410 Gone`);
			await screenshot(page, 'webhooks-disabled-notice');

			// The receiver is fixed: enabling the endpoint sends the delivery that got the 410 again, and the notice goes.
			second.gone = false;
			await notice.getByRole('link', { name: 'Fix and enable in Settings → Webhooks' }).click();
			await page.waitForURL('**/settings/webhooks');
			const disabled = page.getByRole('listitem', { name: secondUrl });
			expect(await disabled.getByRole('alert').innerText()).toContain('The receiver answered 410 Gone');
			await disabled.getByRole('button', { name: 'Enable' }).click();
			await expect.poll(() => second.received.length, WAIT).toBe(2);
			expect(second.received[1]!.id).toBe(second.received[0]!.id);
			expect(second.received.every((r) => r.verified)).toBe(true);
			await page.goto(new URL('/schedule', page.url()).toString());
			await page.getByRole('heading').first().waitFor(WAIT);
			expect(await notice.count()).toBe(0);
			expectNoConsoleErrors(consoleErrors);
		} finally {
			second.close();
		}
	});
	it('opens the edit form in its place in the list, framed as the other settings pages frame theirs, and gives the focus back to Edit on Cancel', async () => {
		const office = await tokenFor(ADMIN);
		const endpointUrl = 'https://northwind.example/edit-form';
		const id = await createEndpoint(office, endpointUrl, ['VEHICLE_UPDATED']);
		try {
			const { context, page, consoleErrors } = await openPage(browser);
			await signIn(page, ADMIN);
			await page.goto('/settings/service-types');
			await page.getByRole('button', { name: /^Edit / }).first().click();
			const serviceTypeFrames = await framesAround(page.getByRole('form', { name: /^Edit / }));

			await page.goto('/settings/webhooks');
			const edit = page.getByRole('listitem', { name: endpointUrl }).getByRole('button', { name: 'Edit' });
			await edit.click();
			const form = page.getByRole('form', { name: `Edit ${endpointUrl}` });
			const urlField = form.getByLabel('URL');
			await expect.poll(() => urlField.evaluate((field) => field === document.activeElement)).toBe(true);
			expect(await urlField.inputValue()).toBe(endpointUrl);
			expect(await form.getByLabel('Vehicle edited').isChecked()).toBe(true);
			expect(await form.getByLabel('Customer added').isChecked()).toBe(false);
			expect(await form.getByLabel('Enabled').isChecked()).toBe(true);
			// One card, the list's: the form is not a second card with its own shadow inside it.
			const frames = await framesAround(form);
			expect(frames.filter((frame) => frame.shadow)).toHaveLength(1);
			expect(frames).toEqual(serviceTypeFrames);
			await screenshot(page, 'webhooks-edit-form');

			await page.keyboard.press('End');
			await page.keyboard.type('/changed');
			await form.getByRole('button', { name: 'Cancel' }).click();
			expect(await form.count()).toBe(0);
			await expect.poll(() => edit.evaluate((button) => button === document.activeElement)).toBe(true);
			expect(await page.getByRole('listitem', { name: endpointUrl }).count()).toBe(1);
			expectNoConsoleErrors(consoleErrors);
			await context.close();
		} finally {
			await deleteEndpoint(office, id);
		}
	});

	it("answers another organization's endpoint and an ID that names nothing as a customer's page answers a wrong ID; a dispatcher is sent away", async () => {
		const theirs = await createEndpoint(await tokenFor(KIWI_ADMIN), 'https://kiwi.example/hooks', ['VEHICLE_UPDATED']);
		const office = await tokenFor(ADMIN);
		const { customers } = await api(`{ customers(first: 1) { edges { node { id } } } }`, {}, office);
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, ADMIN);

		await page.goto('/customers/not-an-id');
		await page.getByText('Customer not found').waitFor(WAIT);
		const notFound = (title: string) => page.locator('main').getByText(title);
		for (const id of [theirs, 'not-an-id', customers.edges[0].node.id]) {
			await page.goto(`/settings/webhooks/${encodeURIComponent(id)}`);
			await notFound('Webhook endpoint not found').waitFor(WAIT);
			expect(await page.locator('main').innerText(), id).not.toContain('kiwi.example');
			expect(await page.getByRole('button', { name: 'Send test event' }).count()).toBe(0);
		}
		await page.getByRole('link', { name: 'Back to webhooks' }).click();
		await page.waitForURL('**/settings/webhooks');
		await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor(WAIT);
		expectNoConsoleErrors(consoleErrors);

		// The log is the admins': a dispatcher who follows a link to one lands on their start page, having asked the API nothing.
		const ours = await createEndpoint(office, 'https://northwind.example/hooks', ['VEHICLE_UPDATED']);
		const dispatcher = await openPage(browser);
		await signIn(dispatcher.page, 'dispatcher@northwind.test');
		const asked: string[] = [];
		dispatcher.page.on('request', (request) => {
			if (request.url().endsWith('/graphql') && request.postData()?.includes('WebhookEndpointLog')) asked.push(request.url());
		});
		await dispatcher.page.goto(`/settings/webhooks/${encodeURIComponent(ours)}`);
		await dispatcher.page.waitForURL('**/schedule**');
		expect(asked).toEqual([]);
		await deleteEndpoint(office, ours);
		expectNoConsoleErrors(dispatcher.consoleErrors);
		await dispatcher.context.close();
		await context.close();
	});

	it('pages the delivery log, newest first, 25 attempts a page', async () => {
		const receiver = new Receiver();
		receiver.failFirst = 0;
		const office = await tokenFor(ADMIN);
		const id = await createEndpoint(office, await receiver.start(), ['VEHICLE_UPDATED']);
		try {
			// 27 changes of a vehicle, each delivered once (test sends are limited to a few a minute).
			const { customers } = await api(`{ customers(search: "Metro Plumbing", first: 1) { edges { node { vehicles { id } } } } }`, {}, office);
			const vehicleId = customers.edges[0].node.vehicles[0].id;
			for (let sent = 0; sent < 27; sent++) {
				const { updateVehicle } = await api(`mutation ($input: UpdateVehicleInput!) { updateVehicle(input: $input) { __typename } }`, { input: { id: vehicleId, color: `Blue ${sent}` } }, office);
				expect(updateVehicle.__typename).toBe('MutationUpdateVehicleSuccess');
			}
			await expect.poll(() => receiver.received.length, WAIT).toBe(27);
			const { context, page, consoleErrors } = await openPage(browser);
			await signIn(page, ADMIN);
			// An attempt is recorded just after its answer: wait until the API has all 27.
			const logged = async () => (await api(`query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint { attempts(first: 30) { edges { node { id } } } } } }`, { id }, office)).node.attempts.edges.length;
			await expect.poll(logged, WAIT).toBe(27);

			await page.goto(`/settings/webhooks/${encodeURIComponent(id)}`);
			const rows = page.locator('tbody').getByRole('row');
			await expect.poll(() => rows.count()).toBe(25);
			const newest = await rows.allInnerTexts();
			expect(await page.getByRole('link', { name: '← Newer attempts' }).count()).toBe(0);
			await page.getByRole('link', { name: 'Older attempts →' }).click();
			await page.waitForURL('**?after=*');
			await expect.poll(() => rows.count()).toBe(2);
			const older = await rows.allInnerTexts();
			expect(older.filter((row) => newest.includes(row))).toEqual([]);
			expect(await page.getByRole('link', { name: 'Older attempts →' }).count()).toBe(0);

			await page.getByRole('link', { name: '← Newer attempts' }).click();
			await page.waitForURL('**?before=*');
			await expect.poll(async () => rows.allInnerTexts()).toEqual(newest);
			expect(await page.getByRole('link', { name: '← Newer attempts' }).count()).toBe(0);
			expectNoConsoleErrors(consoleErrors);
			await context.close();
		} finally {
			await deleteEndpoint(office, id);
			receiver.close();
		}
	});
});
