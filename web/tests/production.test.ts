import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { todayIn } from '../src/lib/format';
import { DEMO_PASSWORD, chooseOption, expectNoConsoleErrors, launchBrowser, openPage, signIn, typeTime } from './support/browser';
import { Deployment } from './support/deployment';

const DISPATCHER = 'dispatcher@northwind.test';
const ZONE = 'America/Chicago';

declare global {
	interface Window {
		/** The close code of every WebSocket of the page that closed. */
		socketCloses: number[];
		socketEvents: string[];
	}
}

/** Records the close code of every WebSocket of the page (graphql-ws opens them through the global class). */
function recordSocketCloses() {
	const Native = window.WebSocket;
	window.socketCloses = [];
	window.socketEvents = [];
	window.WebSocket = class extends Native {
		constructor(...args: ConstructorParameters<typeof WebSocket>) {
			super(...args);
			this.addEventListener('open', () => window.socketEvents.push(`${new Date().toISOString()} open`));
			this.addEventListener('close', (event) => {
				window.socketCloses.push(event.code);
				window.socketEvents.push(`${new Date().toISOString()} close ${event.code} ${event.reason}`);
			});
		}
	};
}

const labelsOn = (page: Page) =>
	page.locator('[data-testid^="work-order-"]').evaluateAll((blocks) => blocks.map((block) => block.getAttribute('data-testid')!.slice('work-order-'.length)));

/** Books a Synthetic Oil Change for Noah Patel with Devon Carter on the board's day, through the New work order modal. */
async function bookInModal(page: Page, start: string): Promise<string> {
	const before = await labelsOn(page);
	await page.getByRole('button', { name: 'New work order' }).click();
	const modal = page.getByRole('dialog', { name: 'New work order' });
	const customer = modal.getByLabel('Customer', { exact: true });
	await expect.poll(() => customer.evaluate((input) => input === document.activeElement), { timeout: 10_000 }).toBe(true);
	await page.keyboard.type('Noah Pa');
	await modal.getByRole('option', { name: /Noah Patel/ }).click();
	const vehicle = modal.getByLabel('Vehicle', { exact: true });
	await expect.poll(() => vehicle.isEnabled(), { timeout: 10_000 }).toBe(true);
	await chooseOption(vehicle, (await vehicle.locator('option:not([disabled])').allTextContents())[0]!);
	await chooseOption(modal.getByLabel('Service type', { exact: true }), 'Synthetic');
	await typeTime(modal.getByLabel('Start', { exact: true }), start);
	const address = modal.getByLabel('Service address', { exact: true });
	await chooseOption(address, (await address.locator('option:not([disabled])').allTextContents())[0]!);
	await chooseOption(modal.getByLabel('Technician', { exact: true }), 'Devon');
	await modal.getByRole('button', { name: 'Create work order' }).click();
	await expect.poll(() => modal.count(), { timeout: 15_000 }).toBe(0);
	await expect.poll(async () => (await labelsOn(page)).length, { timeout: 10_000 }).toBe(before.length + 1);
	return (await labelsOn(page)).find((label) => !before.includes(label))!;
}

/** GraphQL straight to one instance (not through the balancer). */
async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
	const response = await fetch(`${url}/graphql`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
		body: JSON.stringify({ query, variables })
	});
	return response.json();
}

describe('production: two instances from the built app behind HAProxy, on PostgreSQL and Redis', () => {
	let deployment: Deployment;
	let browser: Browser;
	beforeAll(async () => {
		[deployment, browser] = await Promise.all([Deployment.start(inject('webBuildDir')), launchBrowser()]);
	}, 300_000);
	afterAll(async () => {
		await browser?.close();
		await deployment?.stop();
	});

	it('serves the built files precompressed and cached for a year, the app shell with safe headers, and no GraphiQL', async () => {
		const shell = await fetch(`${deployment.url}/schedule`);
		expect(shell.status).toBe(200);
		expect(shell.headers.get('content-type')).toContain('text/html');
		expect(shell.headers.get('x-frame-options')).toBe('DENY');
		expect(shell.headers.get('x-content-type-options')).toBe('nosniff');
		// The largest of the built files the shell loads, so that compressing it is worth it.
		const assets = [...new Set((await shell.text()).match(/\/_app\/immutable\/[\w./-]+\.(js|css)/g))];
		expect(assets.length).toBeGreaterThan(0);
		const plain = await Promise.all(
			assets.map(async (path) => ({ path, source: await (await fetch(`${deployment.url}${path}`, { headers: { 'accept-encoding': 'identity' } })).text() }))
		);
		const { path: asset, source } = plain.sort((a, b) => b.source.length - a.source.length)[0]!;
		const identity = await fetch(`${deployment.url}${asset}`, { headers: { 'accept-encoding': 'identity' } });
		expect(identity.headers.get('content-encoding')).toBeNull();
		expect(identity.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');
		for (const encoding of ['br', 'gzip']) {
			const compressed = await fetch(`${deployment.url}${asset}`, { headers: { 'accept-encoding': encoding } });
			expect(compressed.status).toBe(200);
			expect(compressed.headers.get('content-encoding')).toBe(encoding);
			expect(compressed.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');
			expect(Number(compressed.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(source));
			expect(await compressed.text()).toBe(source);
		}

		const graphiql = await fetch(`${deployment.url}/graphql`, { headers: { accept: 'text/html' } });
		expect(graphiql.headers.get('content-type') ?? '').not.toContain('text/html');
		expect((await graphiql.text()).toLowerCase()).not.toContain('graphiql');
		const introspection = await graphql(deployment.url, '{ __schema { queryType { name } } }');
		expect(introspection.errors[0].extensions.code).toBe('FORBIDDEN');
		expect((await fetch(`${deployment.url}/readyz`)).status).toBe(200);
	});

	it('keeps its files to what was built, whatever the path, method, range or encoding asked, and stays up', async () => {
		const shell = await fetch(`${deployment.url}/schedule`);
		const html = await shell.text();
		const asset = html.match(/\/_app\/immutable\/[\w./-]+\.js/)![0];
		const whole = await (await fetch(`${deployment.url}${asset}`, { headers: { 'accept-encoding': 'identity' } })).text();

		// The app shell: a policy with a fresh nonce for its one inline script, never framed, revalidated before reuse.
		const policy = shell.headers.get('content-security-policy') ?? '';
		expect(policy).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
		expect(policy).toContain("frame-ancestors 'none'");
		expect(policy).toContain("object-src 'none'");
		expect(shell.headers.get('cache-control')).toBe('no-cache');
		expect(shell.headers.get('referrer-policy')).toBe('same-origin');
		// Plain HTTP: no HSTS, even when the client claims TLS (the balancer drops its X-Forwarded-Proto).
		const claimed = await fetch(`${deployment.url}/schedule`, { headers: { 'x-forwarded-proto': 'https' } });
		expect(claimed.headers.get('strict-transport-security')).toBeNull();
		const nonce = /'nonce-([^']+)'/.exec(policy)![1];
		expect(html).toContain(`nonce="${nonce}"`);
		expect((await fetch(`${deployment.url}/schedule`)).headers.get('content-security-policy')).not.toContain(nonce);

		// A range with its first byte after its last threw out of the file server and ended the instance.
		for (const range of ['bytes=5-1', 'bytes=-100', 'bytes=abc', 'bytes=0-1,5-9']) {
			for (const url of [deployment.url, deployment.instances.api1.url, deployment.instances.api2.url]) {
				const answer = await fetch(`${url}${asset}`, { headers: { range, 'accept-encoding': 'identity' } });
				expect(answer.status, range).toBe(200);
				expect(await answer.text(), range).toBe(whole);
			}
		}
		const part = await fetch(`${deployment.url}${asset}`, { headers: { range: 'bytes=0-9', 'accept-encoding': 'identity' } });
		expect(part.status).toBe(206);
		expect(await part.text()).toBe(whole.slice(0, 10));

		// q=0 refuses a coding.
		for (const [accepted, sent] of [['gzip;q=0', null], ['br;q=0, gzip', 'gzip'], ['br;q=0, gzip;q=0', null]] as const) {
			const answer = await fetch(`${deployment.url}${asset}`, { headers: { 'accept-encoding': accepted } });
			expect(answer.headers.get('content-encoding'), accepted).toBe(sent);
		}
		// A revalidation keeps the year.
		const etag = (await fetch(`${deployment.url}${asset}`, { headers: { 'accept-encoding': 'br' } })).headers.get('etag')!;
		const unchanged = await fetch(`${deployment.url}${asset}`, { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
		expect(unchanged.status).toBe(304);
		expect(unchanged.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');

		// Files are only read.
		for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
			for (const path of [asset, '/schedule']) {
				const answer = await fetch(`${deployment.url}${path}`, { method, body: method === 'DELETE' ? undefined : 'x' });
				expect(answer.status, `${method} ${path}`).toBe(405);
				expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
			}
		}
		expect((await fetch(`${deployment.url}${asset}`, { method: 'OPTIONS' })).status).toBe(204);
		const head = await fetch(`${deployment.url}${asset}`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
		expect(head.status).toBe(200);
		expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(whole));

		// Nothing outside the built client files: no server build, sources, settings, data or source maps.
		const outside = [
			'/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/%2e%2e%2f%2e%2e%2fhandler.js', '/..%5c..%5chandler.js',
			'/%252e%252e/%252e%252e/package.json', '/favicon.svg%00.html', '/handler.js', '/index.js', '/env.js', '/server/index.js', '/.env',
			'/package.json', '/api/src/main.ts', '/.data/cursor-secret', '/_app/immutable/%2e%2e/%2e%2e/%2e%2e/handler.js', `${asset}.map`, '/_app/immutable/entry/nothing.js'
		];
		for (const path of outside) {
			const answer = await fetch(`${deployment.url}${path}`);
			expect([400, 404], path).toContain(answer.status);
			const body = await answer.text();
			expect(body, path).not.toMatch(/"dependencies"|import \{|CURSOR_SECRET|"mappings"/);
		}
		const missing = await fetch(`${deployment.url}/_app/immutable/entry/nothing.js`);
		expect(missing.headers.get('cache-control')).not.toContain('immutable');
		expect((await fetch(`${deployment.url}/${'a'.repeat(70_000)}`)).status).toBeGreaterThanOrEqual(400);

		// Both instances are still up: none of this ended a process.
		for (const instance of Object.values(deployment.instances)) {
			expect(instance.process.exitCode).toBeNull();
			expect((await fetch(`${instance.url}/readyz`)).status).toBe(200);
		}
	});

	it('shows a job booked through one instance live on a board served by the other, and goes on through the first when the other is stopped, missing nothing', async () => {
		const today = todayIn(ZONE);
		// The board's page comes through the balancer while api1 is drained, so its socket is on api2.
		await deployment.setState('api1', 'drain');
		const schedule = await openPage(browser, { width: 1280, height: 900 }, { baseURL: deployment.url });
		await schedule.context.addInitScript(recordSocketCloses);
		await signIn(schedule.page, DISPATCHER);
		await schedule.page.goto(`/schedule?date=${today}`);
		await schedule.page.locator('[data-testid^="work-order-"]').first().waitFor();

		// The dispatcher at the desk comes through the balancer while api2 is drained: they book on api1.
		await deployment.setState('api1', 'ready');
		await deployment.setState('api2', 'drain');
		const desk = await openPage(browser, { width: 1280, height: 1100 }, { baseURL: deployment.url });
		await signIn(desk.page, DISPATCHER);
		await desk.page.goto(`/schedule?date=${today}`);
		await desk.page.locator('[data-testid^="work-order-"]').first().waitFor();
		const first = await bookInModal(desk.page, '19:00');
		const firstOnBoard = schedule.page.getByTestId(`work-order-${first}`);
		await expect.poll(() => firstOnBoard.getAttribute('data-status'), { timeout: 10_000 }).toBe('SCHEDULED');
		// It came over the socket the board opened on api2, which is still the first one.
		const sockets = () => schedule.page.evaluate(() => window.socketEvents);
		expect(await schedule.page.evaluate(() => window.socketCloses), `${(await sockets()).join('\n')}\n${deployment.log.join('')}`).toEqual([]);
		await deployment.setState('api2', 'ready');

		// api2 is stopped as a restart stops it. api1 takes no traffic through the balancer for a moment,
		// so the board cannot reconnect yet, and a change committed meanwhile must reach it afterwards.
		await deployment.setState('api1', 'maint');
		const { api1, api2 } = deployment.instances;
		api2.process.kill('SIGTERM');
		await expect
			.poll(() => schedule.page.evaluate(() => window.socketCloses), { timeout: 30_000 })
			.toContain(1001)
			.catch(async (error) => {
				throw new Error(`${error.message}\n${(await sockets()).join('\n')}\n${deployment.log.join('')}`);
			});
		expect(await api2.exited).toBe(0);
		await deployment.waitFor((status) => status.api2!.startsWith('DOWN'));

		const signedIn = await graphql(api1.url, 'mutation ($input: LoginInput!) { login(input: $input) { ... on MutationLoginSuccess { session { token } } } }', {
			input: { email: DISPATCHER, password: DEMO_PASSWORD }
		});
		const token = signedIn.data.login.session.token as string;
		const day = await graphql(api1.url, 'query ($date: Date!) { schedule(date: $date) { technicians { workOrders { id label } } } }', { date: today }, token);
		const firstJob = day.data.schedule.technicians.flatMap((column: { workOrders: { id: string; label: string }[] }) => column.workOrders).find((job: { label: string }) => job.label === first);
		const moved = await graphql(api1.url, 'mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }', { input: { id: firstJob.id, status: 'EN_ROUTE' } }, token);
		expect(moved.data.transitionWorkOrder.__typename).toBe('MutationTransitionWorkOrderSuccess');
		expect(await firstOnBoard.getAttribute('data-status')).toBe('SCHEDULED');

		// api1 comes back into the balancer: the board reconnects to it and resumes after the last seq it saw.
		await deployment.setState('api1', 'ready');
		await expect.poll(() => firstOnBoard.getAttribute('data-status'), { timeout: 30_000 }).toBe('EN_ROUTE');

		// And keeps working: a job booked now arrives live, once.
		const second = await bookInModal(desk.page, '20:30');
		const secondOnBoard = schedule.page.getByTestId(`work-order-${second}`);
		await expect.poll(() => secondOnBoard.count(), { timeout: 10_000 }).toBe(1);
		expect(await secondOnBoard.getAttribute('data-status')).toBe('SCHEDULED');
		expect(await firstOnBoard.count()).toBe(1);
		expectNoConsoleErrors(desk.consoleErrors);
		await Promise.all([schedule.context.close(), desk.context.close()]);
	});
});
