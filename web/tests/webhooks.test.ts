import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookForMaria, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const ADMIN = 'admin@northwind.test';
const WAIT = { timeout: 15_000 };

/** A receiver on this machine: it checks every signature with the secret the page showed, answers 500 first, then 200. */
class Receiver {
	received: { id: string; type: string; verified: boolean }[] = [];
	secret = '';
	failFirst = 1;
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
				if (this.failFirst-- > 0) response.writeHead(500).end('receiver restarting');
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
		await bookForMaria(office, '16:00');
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
});
