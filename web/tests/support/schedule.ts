import type { Page } from 'playwright-core';
import { addDays, todayIn } from '../../src/lib/format';
import { tokenFor } from './api';
import { launchBrowser } from './browser';

/** The demo business's zone and its dispatcher's login (prisma/seed.ts). */
export const ZONE = 'America/Chicago';
export const DISPATCHER = 'dispatcher@northwind.test';

/** A day counted from today in the demo business's zone. */
export const dayFromToday = (days: number) => addDays(todayIn(ZONE), days);

/** A browser for a file's tests, and the dispatcher's session token for what they book through the API. */
export async function browserAndOffice() {
	const [browser, office] = await Promise.all([launchBrowser(), tokenFor(DISPATCHER)]);
	return { browser, office };
}

/** Opens the day board on `date` and waits for its columns. */
export async function openBoard(page: Page, date: string): Promise<void> {
	await page.goto(`/schedule?date=${date}`);
	await page.getByTestId('column-Devon Carter').waitFor();
}
