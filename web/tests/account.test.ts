import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from './support/api';
import { expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn } from './support/browser';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { __typename ... on MutationLoginSuccess { session { token } } } }`;

/** Signs in through the API, as another device of the same person would; the token, or null when refused. */
async function signInElsewhere(email: string, password: string): Promise<string | null> {
	return (await api(LOGIN, { input: { email, password } })).login.session?.token ?? null;
}

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
		const email = `robin-${randomUUID()}@northwind.test`;
		const password = 'first long password';
		const created = await api(
			`mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename } }`,
			{ input: { email, name: 'Robin Rivera', role: 'DISPATCHER', password } },
			await tokenFor('admin@northwind.test')
		);
		expect(created.createUser.__typename).toBe('MutationCreateUserSuccess');
		const phone = (await signInElsewhere(email, password))!;

		const { context, page, consoleErrors } = await openPage(browser);
		await page.goto('/login');
		await typeInto(page, 'Email', email);
		await typeInto(page, 'Password', password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/login'));
		await page.getByRole('link', { name: 'Account' }).click();
		await page.waitForURL('**/account');

		const sessions = page.getByRole('region', { name: 'Sessions' });
		await expect.poll(() => sessions.getByRole('row').count()).toBe(3); // the header, this browser, the phone
		await expect.poll(() => sessions.getByRole('row', { name: /This browser/ }).count()).toBe(1);
		await sessions.getByRole('button', { name: 'End' }).click();
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
		await expect.poll(() => sessions.getByRole('row', { name: /This browser/ }).count()).toBe(1);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it.each(['tech@northwind.test', 'fleet@northwind.test'])('is one click away for %s too', async (email) => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, email);
		await page.getByRole('link', { name: 'Account' }).click();
		await page.waitForURL('**/account');
		await expect.poll(() => page.getByRole('heading', { name: 'Account' }).count()).toBe(1);
		await expect.poll(() => page.getByRole('region', { name: 'Sessions' }).getByText('This browser').count()).toBe(1);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});
});
