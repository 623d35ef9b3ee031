import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { __typename ... on MutationLoginSuccess { session { token } } } }`;

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PHONE = { width: 390, height: 844 };

/**
 * Signs in through the API, as another device of the same person would (its browser named by
 * `userAgent`); the token, or null when refused.
 */
async function signInElsewhere(email: string, password: string, userAgent = IPHONE): Promise<string | null> {
	const response = await fetch(`${inject('baseUrl')}/graphql`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': userAgent },
		body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } })
	});
	const body = (await response.json()) as { data: { login: { session?: { token: string } } } };
	return body.data.login.session?.token ?? null;
}

/** A dispatcher login of a test's own, so that its sessions are the test's alone. */
async function newLogin(password: string): Promise<string> {
	const email = `robin-${randomUUID()}@northwind.test`;
	const created = await api(
		`mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename } }`,
		{ input: { email, name: 'Robin Rivera', role: 'DISPATCHER', password } },
		await tokenFor('admin@northwind.test')
	);
	expect(created.createUser.__typename).toBe('MutationCreateUserSuccess');
	return email;
}

/** Signs in on the login page, typing as a person does. */
async function signInTyping(page: Page, email: string, password: string) {
	await page.goto('/login');
	await typeInto(page, 'Email', email);
	await typeInto(page, 'Password', password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The first cell of each row of the Sessions table: the device, and what is said beneath or beside it. */
const sessionRows = (page: Page) =>
	page
		.getByRole('region', { name: 'Sessions' })
		.getByTestId('session-row')
		.evaluateAll((rows) => rows.map((row) => (row as HTMLTableRowElement).cells[0]!.textContent!.replace(/\s+/g, ' ').trim()));

async function stillSignedIn(token: string): Promise<boolean> {
	return (await api(`{ viewer { name } }`, {}, token)).viewer !== null;
}

/** Empties a field and types into it, key by key. */
async function typeInto(page: Page, label: string, text: string) {
	await page.getByLabel(label).click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.press('Backspace');
	await page.keyboard.type(text);
}

describe('the account page', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it('ends another session and changes the password, which ends the rest', async () => {
		const password = 'first long password';
		const email = await newLogin(password);
		const phone = (await signInElsewhere(email, password))!;

		const { context, page, consoleErrors } = await openPage(browser);
		await signInTyping(page, email, password);
		await page.getByRole('link', { name: 'Account' }).click();
		await page.waitForURL('**/account');

		const sessions = page.getByRole('region', { name: 'Sessions' });
		await expect.poll(() => sessions.getByRole('row').count()).toBe(3); // the header, this browser, the phone
		await expect.poll(() => sessions.getByRole('row', { name: /This device/ }).count()).toBe(1);
		await sessions.getByRole('button', { name: 'End Safari on iPhone' }).click();
		await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
		expect(await stillSignedIn(phone)).toBe(false);

		await typeInto(page, 'Current password', 'not my password');
		await typeInto(page, 'New password', 'a brand new passphrase');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect.poll(() => page.getByText('This is not your current password').count()).toBe(1);

		await typeInto(page, 'Current password', password);
		await typeInto(page, 'New password', 'short');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect.poll(() => page.getByText('At least 10 characters', { exact: true }).count()).toBe(1);

		const laptop = (await signInElsewhere(email, password))!;
		await typeInto(page, 'Current password', password);
		await typeInto(page, 'New password', 'a brand new passphrase');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect.poll(() => page.getByRole('status').innerText()).toBe('Password changed. 1 other session was ended.');
		await screenshot(page, 'account');

		expect(await stillSignedIn(laptop)).toBe(false);
		expect(await signInElsewhere(email, password)).toBeNull();
		expect(await signInElsewhere(email, 'a brand new passphrase')).toEqual(expect.any(String));
		// This browser is still signed in.
		await page.reload();
		await expect.poll(() => sessions.getByRole('row', { name: /This device/ }).count()).toBe(1);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('names each device, puts a device signed in several times on one row, and signs out all other sessions', async () => {
		const password = 'first long password';
		const email = await newLogin(password);
		const phone = (await signInElsewhere(email, password, IPHONE))!;
		const desktops = [(await signInElsewhere(email, password, WINDOWS))!, (await signInElsewhere(email, password, WINDOWS))!];
		const program = (await signInElsewhere(email, password, 'curl/8.5.0'))!;

		const { context, page, consoleErrors } = await openPage(browser);
		await signInTyping(page, email, password);
		await page.getByRole('link', { name: 'Account' }).click();
		await page.waitForURL('**/account');
		const sessions = page.getByRole('region', { name: 'Sessions' });
		await expect.poll(() => sessions.getByTestId('session-row').count()).toBe(4);
		const rows = await sessionRows(page);
		// This browser first (headless Chromium on Linux), then the others, the most recently used first.
		expect(rows).toEqual(['Chrome on Linux This device', 'curl', 'Chrome on Windows 2 sessions', 'Safari on iPhone']);
		await screenshot(page, 'account-sessions-1280');

		// Both sessions of the Windows computer end with its one End.
		await sessions.getByRole('button', { name: 'End 2 sessions of Chrome on Windows' }).click();
		await expect.poll(() => sessions.getByTestId('session-row').count(), { timeout: 10_000 }).toBe(3);
		for (const token of desktops) expect(await stillSignedIn(token)).toBe(false);
		expect(await stillSignedIn(phone)).toBe(true);

		// On a phone the two dates still say which is which.
		await page.setViewportSize(PHONE);
		const thisDevice = sessions.getByTestId('session-row').first();
		const dates = thisDevice.locator('td[data-label]');
		expect(await dates.evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell, '::before').content))).toEqual(['"Signed in: "', '"Last used: "']);
		expect(await sessions.locator('thead').isVisible()).toBe(false);
		await screenshot(page, 'account-sessions-390');

		await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
		await expect.poll(() => sessions.getByRole('status').textContent(), { timeout: 10_000 }).toBe('2 other sessions were ended.');
		await expect.poll(() => sessionRows(page), { timeout: 10_000 }).toEqual(['Chrome on Linux This device']);
		expect(await stillSignedIn(phone)).toBe(false);
		expect(await stillSignedIn(program)).toBe(false);
		// Nothing else to end: the button is gone, and this browser is still signed in.
		expect(await page.getByRole('button', { name: 'Sign out all other sessions' }).count()).toBe(0);
		await page.reload();
		await expect.poll(() => sessionRows(page)).toEqual(['Chrome on Linux This device']);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps End in reach beside a device whose name is one long word', async () => {
		const password = 'first long password';
		const email = await newLogin(password);
		const program = 'Fleetsync'.repeat(20);
		const token = (await signInElsewhere(email, password, `${program}/2.0`))!;
		const { context, page, consoleErrors } = await openPage(browser);
		await signInTyping(page, email, password);
		await page.getByRole('link', { name: 'Account' }).click();
		const sessions = page.getByRole('region', { name: 'Sessions' });
		const end = sessions.getByRole('button', { name: `End ${program}` });
		await end.waitFor();
		// The row fits its card: End is on the screen, inside the card, not scrolled out of it.
		const [card, button] = [(await sessions.locator('.table-card').boundingBox())!, (await end.boundingBox())!];
		expect(button.x + button.width).toBeLessThanOrEqual(card.x + card.width);
		expect(await sessions.locator('.table-card').evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
		await end.click();
		await expect.poll(() => sessions.getByTestId('session-row').count(), { timeout: 10_000 }).toBe(1);
		expect(await stillSignedIn(token)).toBe(false);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it.each(['/schedule', '/work-orders', '/account'])('sends a tab on %s whose session was ended elsewhere to sign in, with no error on the way', async (path) => {
		const password = 'first long password';
		const email = await newLogin(password);
		const laptop = (await signInElsewhere(email, password, WINDOWS))!;
		const { context, page, consoleErrors } = await openPage(browser);
		await signInTyping(page, email, password);
		await page.goto(path);
		await page.locator('h1').first().waitFor();

		// The laptop signs out every other session: this tab's ends while it is open.
		const ended = await api(`mutation { endOtherSessions { ... on MutationEndOtherSessionsSuccess { endedSessions } } }`, {}, laptop);
		expect(ended.endOtherSessions.endedSessions).toBe(1);
		// A live page hears it on its connection; any page on its next request (here a reload).
		if (path === '/account') await page.reload();
		await page.waitForURL('**/login');
		await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toBe('You were signed out. Sign in again.');
		await page.waitForTimeout(2_000); // past the socket's retry, which used to fail uncaught
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it.each(['tech@northwind.test', 'fleet@northwind.test'])('is one click away for %s too', async (email) => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, email);
		await page.getByRole('link', { name: 'Account' }).click();
		await page.waitForURL('**/account');
		await expect.poll(() => page.getByRole('heading', { name: 'Account' }).count()).toBe(1);
		await expect.poll(() => page.getByRole('region', { name: 'Sessions' }).getByText('This device').count()).toBe(1);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
