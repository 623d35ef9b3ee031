import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../src/lib/format';
import { api, book, cancel, tokenFor } from './support/api';
import { chooseOption, expectNoConsoleErrors, launchBrowser, openPage, screenshot, signIn, typeDate, typeInto, typeTime } from './support/browser';
import { DISPATCHER, ZONE, dayFromToday, openBoard } from './support/schedule';

// A technician's schedule color in the demo business (prisma/seed.ts). Each test works on its own
// technicians, so they don't collide.
const DEVON_CARTER_COLOR = '#16a34a';

const blocks = (scope: Page | Locator) => scope.locator('[data-testid^="work-order-"]');

const labelOf = async (block: Locator) => (await block.getAttribute('data-testid'))!.replace('work-order-', '');

async function labelsOnBoard(page: Page): Promise<string[]> {
	return Promise.all((await blocks(page).all()).map(labelOf));
}

function rgb(hex: string): string {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
	return `rgb(${r}, ${g}, ${b})`;
}

/** "10:30 AM" (as the app writes it, in the organization's zone) as an <input type="time"> value, "10:30". */
function clock(text: string): string {
	const [, hours, minutes, half] = /(\d{1,2}):(\d{2})\s*(AM|PM)/.exec(text)!;
	const hour = (Number(hours) % 12) + (half === 'PM' ? 12 : 0);
	return `${String(hour).padStart(2, '0')}:${minutes}`;
}

/** The text the control's aria-describedby points at: its hint and its error. */
async function description(control: Locator): Promise<string> {
	const ids = (await control.getAttribute('aria-describedby')) ?? '';
	const page = control.page();
	const texts = await Promise.all(ids.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
	return texts.join(' ').trim();
}

async function optionLabel(select: Locator, containing: string): Promise<string> {
	const labels = await select.locator('option').allTextContents();
	return labels.find((label) => label.includes(containing))!;
}

/** The dispatcher on tomorrow's board, its jobs counted, with New work order open and Noah Patel chosen as its customer. */
async function newWorkOrderForNoah(browser: Browser) {
	const { context, page, consoleErrors } = await openPage(browser);
	await signIn(page, DISPATCHER);
	await openBoard(page, dayFromToday(1));
	const before = await blocks(page).count();
	await page.getByRole('button', { name: 'New work order' }).click();
	const modal = page.getByRole('dialog', { name: 'New work order' });
	await page.keyboard.type('Noah Pa');
	await modal.getByRole('option', { name: /Noah Patel/ }).click();
	return { context, page, consoleErrors, before, modal };
}

/** Fills the rest of the modal from its lists, the customer chosen: their first vehicle and address, a service type, a start and a technician. */
async function chooseFromTheLists(modal: Locator, { serviceType, start, technician }: { serviceType: string; start: string; technician: string }): Promise<void> {
	const vehicle = modal.getByLabel('Vehicle', { exact: true });
	await expect.poll(() => vehicle.isEnabled()).toBe(true);
	await vehicle.selectOption({ index: 1 });
	const type = modal.getByLabel('Service type', { exact: true });
	await type.selectOption({ label: await optionLabel(type, serviceType) });
	await modal.getByLabel('Start', { exact: true }).fill(start);
	await modal.getByLabel('Service address', { exact: true }).selectOption({ index: 1 });
	await modal.getByLabel('Technician', { exact: true }).selectOption({ label: technician });
}

/** A new customer with a vehicle and no service address yet. */
async function customerWithoutAddress(name: string): Promise<void> {
	const token = await tokenFor(DISPATCHER);
	const created = await api(`mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { ... on MutationCreateCustomerSuccess { customer { id } } } }`, { input: { name } }, token);
	const customerId = created.createCustomer.customer.id;
	await api(`mutation ($input: CreateVehicleInput!) { createVehicle(input: $input) { __typename } }`, { input: { customerId, year: 2021, make: 'Ford', model: 'Transit' } }, token);
}

describe('the schedule board', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(() => browser.close());

	it('books a work order through the New work order modal, step by step as the spec page says, every field typed', async () => {
		const { context, page, consoleErrors } = await openPage(browser, { width: 1280, height: 1320 });
		await signIn(page, DISPATCHER);

		// Open the Schedule: click Schedule in the left sidebar (the board opens on today, date in the URL).
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
		await page.waitForURL(`**/schedule?date=${todayIn(ZONE)}`);
		// The dispatcher plans tomorrow.
		await page.getByRole('button', { name: 'Next day' }).click();
		const day = dayFromToday(1);
		await page.waitForURL(`**/schedule?date=${day}`);
		await expect.poll(() => blocks(page).count()).toBeGreaterThan(0);

		// Click "New work order": the modal opens, focus in its first field.
		await page.getByRole('button', { name: 'New work order' }).click();
		const modal = page.getByRole('dialog', { name: 'New work order' });
		const customer = modal.getByLabel('Customer', { exact: true });
		await expect.poll(() => customer.evaluate((input) => input === document.activeElement)).toBe(true);

		// Select the customer: start typing the name, select them from the dropdown.
		await page.keyboard.type('Noah Pa');
		await modal.getByRole('option', { name: /Noah Patel/ }).click();
		expect(await customer.inputValue()).toBe('Noah Patel');

		// Select the vehicle: the dropdown now lists that customer's vehicles.
		const vehicle = modal.getByLabel('Vehicle', { exact: true });
		await expect.poll(() => vehicle.isEnabled()).toBe(true);
		const vehicles = await vehicle.locator('option:not([disabled])').allTextContents();
		expect(vehicles.length).toBeGreaterThan(0);
		await chooseOption(vehicle, vehicles[0]!);
		expect(await vehicle.locator('option:checked').textContent()).toBe(vehicles[0]);

		// Select the service type: its price and duration are pre-filled.
		const serviceType = modal.getByLabel('Service type', { exact: true });
		await chooseOption(serviceType, 'Synthetic');
		const price = modal.getByLabel('Price', { exact: true });
		const duration = modal.getByLabel('Duration (minutes)', { exact: true });
		expect(await price.inputValue()).toBe('89.99');
		expect(await duration.inputValue()).toBe('45');

		// ... and overridden: this car takes longer, and the customer has a fleet rate.
		await typeInto(price, '75.50');
		await typeInto(duration, '70');

		// Set the date and time window: the date is the board's, typed again here; the end follows the start by the duration.
		const date = modal.getByLabel('Date', { exact: true });
		expect(await date.inputValue()).toBe(day);
		await typeDate(date, day);
		await typeTime(modal.getByLabel('Start', { exact: true }), '18:00');
		expect(await modal.getByLabel('End', { exact: true }).inputValue()).toBe('19:10');

		// Select the service address: one of the customer's saved addresses.
		const address = modal.getByLabel('Service address', { exact: true });
		const addresses = await address.locator('option:not([disabled])').allTextContents();
		expect(addresses.length).toBeGreaterThan(0);
		await chooseOption(address, addresses[0]!);
		expect(await address.locator('option:checked').textContent()).toBe(addresses[0]);

		// Assign a technician (free at 18:00: the demo day ends by 17:00).
		const technician = modal.getByLabel('Technician', { exact: true });
		await chooseOption(technician, 'Devon');
		expect(await technician.locator('option:checked').textContent()).toBe('Devon Carter');

		// Add notes.
		const customerNotes = modal.getByLabel('Customer notes', { exact: true });
		await typeInto(customerNotes, 'Please park on the street.');
		expect(await description(customerNotes)).toContain('Visible to the customer in the fleet portal');
		const internalNotes = modal.getByLabel('Internal notes', { exact: true });
		await typeInto(internalNotes, 'Bring 5W-30, the customer asked twice.');
		expect(await description(internalNotes)).toContain('Visible only to your team');
		await screenshot(page, 'modal');

		// Save: click Create work order.
		const before = await labelsOnBoard(page);
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => modal.count()).toBe(0);

		// The job appears on the grid, in Devon Carter's column and color, as Scheduled, for 70 minutes.
		await expect.poll(() => blocks(page).count()).toBe(before.length + 1);
		const created = (await labelsOnBoard(page)).find((label) => !before.includes(label))!;
		const block = page.getByTestId('column-Devon Carter').getByTestId(`work-order-${created}`);
		expect(await block.getAttribute('data-status')).toBe('SCHEDULED');
		expect(await block.getAttribute('data-technician')).toBe('Devon Carter');
		expect(await block.innerText()).toContain('Noah Patel');
		expect(await block.innerText()).toContain('Synthetic Oil Change');
		expect(await block.innerText()).toMatch(/6:00\s?PM/);
		expect(await block.evaluate((element) => getComputedStyle(element).borderLeftColor)).toBe(rgb(DEVON_CARTER_COLOR));
		expect(await block.getAttribute('title')).toMatch(/6:00\s?PM – 7:10\s?PM/);

		// Once from the mutation, once from the subscription: still one block.
		await page.waitForTimeout(1000);
		expect(await page.getByTestId(`work-order-${created}`).count()).toBe(1);
		expect(await blocks(page).count()).toBe(before.length + 1);
		await screenshot(page, 'schedule');

		// The overridden price and duration are what the work order keeps, with both notes.
		await block.click();
		await page.waitForURL('**/work-orders/**');
		await expect.poll(() => page.getByText('Synthetic Oil Change').first().isVisible()).toBe(true);
		expect(await page.locator('main').innerText()).toContain('1 h 10 min · $75.50');
		expect(await page.locator('main').innerText()).toContain('Please park on the street.');
		expect(await page.locator('main').innerText()).toContain('Bring 5W-30, the customer asked twice.');
		const stored = await api(`query ($id: ID!) { node(id: $id) { ... on WorkOrder { priceMinor durationMinutes windowStart windowEnd } } }`, { id: decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!) }, await tokenFor(DISPATCHER));
		expect(stored.node).toMatchObject({ priceMinor: 7550, durationMinutes: 70 });
		expect(Date.parse(stored.node.windowEnd) - Date.parse(stored.node.windowStart)).toBe(70 * 60_000);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('refuses a duration that is not a whole number of minutes, next to the field, and books nothing', async () => {
		const { context, page, consoleErrors, before, modal } = await newWorkOrderForNoah(browser);
		await chooseOption(modal.getByLabel('Service type', { exact: true }), 'Synthetic');
		const duration = modal.getByLabel('Duration (minutes)', { exact: true });
		await typeInto(duration, '4.5');
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => description(duration)).toBe('Enter a whole number of minutes');
		await typeInto(duration, '0');
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => description(duration)).toBe('Enter a whole number of minutes');
		expect(await modal.isVisible()).toBe(true);
		expect(await blocks(page).count()).toBe(before);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('refuses a double booking in the modal, names the job in the way next to the technician, and books nothing', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		const day = dayFromToday(2);
		await openBoard(page, day);

		// An active job of Jamal Brooks on the board, and its start time.
		const existing = page.getByTestId('column-Jamal Brooks').locator('[data-testid^="work-order-"][data-status="SCHEDULED"]').first();
		const label = await labelOf(existing);
		const startText = /(\d{1,2}:\d{2}\s?[AP]M) –/.exec((await existing.getAttribute('title'))!)![1]!;
		const before = await blocks(page).count();

		await page.getByRole('button', { name: 'New work order' }).click();
		const modal = page.getByRole('dialog', { name: 'New work order' });
		// The typeahead by keyboard this time: type, arrow to the match, Enter.
		await page.keyboard.type('Emma Walsh');
		await modal.getByRole('option', { name: /Emma Walsh/ }).waitFor();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowUp');
		await page.keyboard.press('Enter');
		expect(await modal.getByLabel('Customer', { exact: true }).inputValue()).toBe('Emma Walsh');
		await chooseFromTheLists(modal, { serviceType: 'Tire Rotation', start: clock(startText), technician: 'Jamal Brooks' });
		const followedEnd = await modal.getByLabel('End', { exact: true }).inputValue();
		const technician = modal.getByLabel('Technician', { exact: true });

		// First an end before the start: the API's field error is read with the End field.
		const end = modal.getByLabel('End', { exact: true });
		await end.fill('06:00');
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => description(end)).toBe('The window must end after it starts');
		await end.fill(followedEnd);
		await modal.getByRole('button', { name: 'Create work order' }).click();

		// The conflict is read with the technician field, naming the other work order and its time.
		await expect.poll(() => description(technician)).toBe(`Jamal Brooks is already booked for ${label} at ${startText}`);
		expect(await modal.isVisible()).toBe(true);

		// Nothing was booked: the same blocks now, and after a reload.
		await page.keyboard.press('Escape');
		await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
		await expect.poll(() => modal.count()).toBe(0);
		expect(await blocks(page).count()).toBe(before);
		await page.reload();
		await page.getByTestId('column-Jamal Brooks').waitFor();
		await expect.poll(() => blocks(page).count()).toBe(before);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('lets the dispatcher add a service address right there when the customer has none', async () => {
		const name = `Quinn Addressless ${Date.now()}`;
		await customerWithoutAddress(name);
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await openBoard(page, dayFromToday(2));
		const before = await labelsOnBoard(page);

		await page.getByRole('button', { name: 'New work order' }).click();
		const modal = page.getByRole('dialog', { name: 'New work order' });
		await modal.getByLabel('Customer', { exact: true }).pressSequentially('Quinn Addressless');
		await modal.getByRole('option', { name: new RegExp(name) }).click();
		const vehicle = modal.getByLabel('Vehicle', { exact: true });
		await expect.poll(() => vehicle.inputValue()).not.toBe(''); // the only vehicle is chosen already
		await modal.getByText(`${name} has no service address yet.`).waitFor();
		expect(await modal.getByLabel('Service address', { exact: true }).isDisabled()).toBe(true);

		await modal.getByRole('button', { name: 'Add a service address' }).click();
		// The focus goes into the new form.
		await expect.poll(() => modal.getByLabel('Label', { exact: true }).evaluate((input) => input === document.activeElement)).toBe(true);
		await typeInto(modal.getByLabel('Street', { exact: true }), '41 Harbor Way');
		await typeInto(modal.getByLabel('City', { exact: true }), 'Chicago');
		await typeInto(modal.getByLabel('Access notes', { exact: true }), 'Side gate, code 2468');
		// The postal code is needed: a technician navigates by it. The form says so before asking the API.
		await modal.getByRole('button', { name: 'Add address' }).click();
		await modal.getByText('Enter the postal code').waitFor();
		// One too long: the API refuses it, and its message shows next to that field.
		await typeInto(modal.getByLabel('Postal code', { exact: true }), '6'.repeat(21));
		await modal.getByRole('button', { name: 'Add address' }).click();
		await modal.getByText(/20 characters/).waitFor();
		expect(await modal.getByText('Enter the postal code').count()).toBe(0);
		// Enter in the address's fields saves the address, not the work order.
		await typeInto(modal.getByLabel('Postal code', { exact: true }), '60607');
		await page.keyboard.press('Enter');
		const address = modal.getByLabel('Service address', { exact: true });
		await expect.poll(async () => (await address.locator('option:checked').textContent()) ?? '').toContain('41 Harbor Way');
		// Saved: the focus is on the address it chose, still inside the modal.
		await expect.poll(() => address.evaluate((select) => select === document.activeElement)).toBe(true);

		const serviceType = modal.getByLabel('Service type', { exact: true });
		await serviceType.selectOption({ label: await optionLabel(serviceType, 'Conventional Oil Change') });
		await modal.getByLabel('Start', { exact: true }).fill('18:00');
		await modal.getByLabel('Technician', { exact: true }).selectOption({ label: 'Lena Fischer' });
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => modal.count()).toBe(0);
		await expect.poll(() => blocks(page).count()).toBe(before.length + 1);
		const created = (await labelsOnBoard(page)).find((label) => !before.includes(label))!;
		expect(await page.getByTestId('column-Lena Fischer').getByTestId(`work-order-${created}`).innerText()).toContain(name.slice(0, 8));
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps the keyboard inside the modal, and Escape closes it', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		await openBoard(page, dayFromToday(1));
		const opener = page.getByRole('button', { name: 'New work order' });
		await opener.click();
		const modal = page.getByRole('dialog', { name: 'New work order' });
		const inModal = () => page.evaluate(() => !!document.activeElement?.closest('dialog'));

		// Every control labelled as the spec names it.
		for (const name of ['Customer', 'Vehicle', 'Service type', 'Price', 'Duration (minutes)', 'Date', 'Start', 'End', 'Service address', 'Technician', 'Customer notes', 'Internal notes']) {
			expect(await modal.getByLabel(name, { exact: true }).count(), name).toBe(1);
		}
		for (let i = 0; i < 25; i++) {
			await page.keyboard.press('Tab');
			expect(await inModal()).toBe(true);
		}
		for (let i = 0; i < 5; i++) {
			await page.keyboard.press('Shift+Tab');
			expect(await inModal()).toBe(true);
		}
		await page.keyboard.press('Escape');
		await expect.poll(() => modal.count()).toBe(0);
		expect(await opener.evaluate((button) => button === document.activeElement)).toBe(true);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('asks before Escape, the close button or Cancel throws away a filled-in modal, and keeps it on "Keep editing"', async () => {
		const { context, page, consoleErrors, before, modal } = await newWorkOrderForNoah(browser);
		const notes = modal.getByLabel('Internal notes', { exact: true });
		await typeInto(notes, 'Gate code 4411');
		const question = page.getByRole('alertdialog');

		// Escape: asked, in one sentence; "Keep editing" (Escape again says the same) keeps everything typed.
		await notes.focus();
		await page.keyboard.press('Escape');
		expect(await question.innerText()).toContain('Close this form? What you typed here will be lost.');
		await page.keyboard.press('Escape');
		await expect.poll(() => question.count()).toBe(0);
		expect(await modal.isVisible()).toBe(true);
		expect(await notes.inputValue()).toBe('Gate code 4411');
		expect(await modal.getByLabel('Customer', { exact: true }).inputValue()).toBe('Noah Patel');
		expect(await notes.evaluate((element) => element === document.activeElement)).toBe(true);

		// The close button and Cancel ask the same; "Keep editing" keeps it open.
		for (const button of [modal.getByRole('button', { name: 'Close' }), modal.getByRole('button', { name: 'Cancel', exact: true })]) {
			await button.click();
			await question.getByRole('button', { name: 'Keep editing' }).click();
			await expect.poll(() => question.count()).toBe(0);
			expect(await notes.inputValue()).toBe('Gate code 4411');
		}

		// "Discard" closes it, and nothing was booked.
		await page.keyboard.press('Escape');
		await question.getByRole('button', { name: 'Discard' }).click();
		await expect.poll(() => modal.count()).toBe(0);
		expect(await blocks(page).count()).toBe(before);

		// An untouched modal closes on Escape without a question.
		await page.getByRole('button', { name: 'New work order' }).click();
		await modal.waitFor();
		await page.keyboard.press('Escape');
		await expect.poll(() => modal.count()).toBe(0);
		expect(await question.count()).toBe(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('moves between days with previous, next, today and the date picker, the date in the URL', async () => {
		const { context, page, consoleErrors } = await openPage(browser);
		await signIn(page, DISPATCHER);
		const today = todayIn(ZONE);
		await openBoard(page, today);
		await page.getByRole('button', { name: 'Previous day' }).click();
		await page.waitForURL(`**/schedule?date=${addDays(today, -1)}`);
		await page.getByRole('button', { name: 'Today' }).click();
		await page.waitForURL(`**/schedule?date=${today}`);
		// On today it has nothing to do and says so, keeping the focus it was pressed with.
		const todayButton = page.getByRole('button', { name: 'Today' });
		expect(await todayButton.getAttribute('aria-disabled')).toBe('true');
		expect(await todayButton.evaluate((button) => button === document.activeElement)).toBe(true);
		// Typed digit by digit, the box holds years 0002, 0020 and 0202 before 2026: the board waits for the whole date.
		const visited: string[] = [];
		page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(new URL(frame.url()).searchParams.get('date') ?? ''));
		await typeDate(page.getByLabel('Schedule date'), addDays(today, 3));
		await page.waitForURL(`**/schedule?date=${addDays(today, 3)}`);
		expect(visited.filter((date) => date !== today)).toEqual([addDays(today, 3)]);
		expect(await page.getByText('Something went wrong').count()).toBe(0);
		// The day's jobs are the ones the board shows: each block falls on that day.
		await expect.poll(() => blocks(page).count()).toBeGreaterThan(0);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Schedule');
		expect(await page.getByText(new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${addDays(today, 3)}T00:00:00Z`))).count()).toBeGreaterThan(0);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('keeps a canceled job from taking room from the job that replaced it, and shows every time without hovering', async () => {
		const token = await tokenFor(DISPATCHER);
		const day = dayFromToday(1); // a full day of demo jobs, with 8 technicians
		const canceled = await book(token, { date: day, at: '18:00', technician: 'Sam Whitaker' });
		await cancel(token, canceled.id);
		const replacement = await book(token, { date: day, at: '18:00', technician: 'Sam Whitaker' });

		const { context, page, consoleErrors } = await openPage(browser, { width: 1280, height: 900 });
		await signIn(page, DISPATCHER);
		await openBoard(page, day);
		const column = page.getByTestId('column-Sam Whitaker');
		const active = column.getByTestId(`work-order-${replacement.label}`);
		const strip = column.getByTestId(`work-order-${canceled.label}`);
		await active.waitFor();
		expect(await strip.getAttribute('data-status')).toBe('CANCELED');

		// The replacement keeps (nearly) the column's whole width; the canceled job is a thin strip beside it, not over it.
		const columnBox = (await column.locator('.body').boundingBox())!;
		const activeBox = (await active.boundingBox())!;
		const stripBox = (await strip.boundingBox())!;
		expect(activeBox.width).toBeGreaterThan(columnBox.width - 24);
		expect(stripBox.width).toBeLessThanOrEqual(14);
		expect(stripBox.x).toBeGreaterThanOrEqual(activeBox.x + activeBox.width);
		expect(stripBox.y).toBe(activeBox.y);
		// It still says what it is, to the mouse and to a screen reader.
		expect(await strip.getAttribute('aria-label')).toContain('Canceled');

		// Every block on the board shows its number and start time as text, and those are not cut off.
		await expect.poll(() => blocks(page).count()).toBeGreaterThan(8);
		expect(await page.locator('[data-testid^="column-"]').count()).toBe(8);
		const unreadable = await page.locator('.grid [data-testid^="work-order-"]:not([data-size="strip"])').evaluateAll((elements) =>
			elements
				.filter((block) => {
					const label = block.querySelector('strong')!;
					const time = block.querySelector('.time');
					const customer = block.querySelector('.customer');
					const fits = (element: Element | null) => !!element && element.scrollWidth <= element.clientWidth + 1 && element.scrollHeight <= element.clientHeight + 1;
					const inside = (element: Element | null) => !!element && element.getBoundingClientRect().right <= block.getBoundingClientRect().right;
					const size = block.getAttribute('data-size');
					return !inside(label) || !inside(time) || !/\d:\d\d/.test(time?.textContent ?? '') || (size !== 'tiny' && !fits(customer));
				})
				.map((block) => block.getAttribute('aria-label'))
		);
		expect(unreadable).toEqual([]);
		await screenshot(page, 'schedule-overlap');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('is readable on a phone: the page fits and the grid scrolls sideways', async () => {
		const { context, page, consoleErrors } = await openPage(browser, { width: 390, height: 844 });
		await signIn(page, DISPATCHER);
		await openBoard(page, todayIn(ZONE));
		await expect.poll(() => blocks(page).count()).toBeGreaterThan(0);
		// Nothing on the page is wider than the main column.
		expect(await page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
		const scroller = page.locator('.scroller');
		expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
		await screenshot(page, 'schedule-phone');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("follows another dispatcher's changes live: an advance from the detail page and a new booking", async () => {
		const day = dayFromToday(1);
		const watcher = await openPage(browser);
		const actor = await openPage(browser);
		await signIn(watcher.page, DISPATCHER);
		await signIn(actor.page, DISPATCHER);
		await openBoard(watcher.page, day);
		await openBoard(actor.page, day);

		// The actor advances one of Aisha Khan's jobs from its detail page.
		const job = actor.page.getByTestId('column-Aisha Khan').locator('[data-testid^="work-order-"][data-status="SCHEDULED"]').first();
		const label = await labelOf(job);
		await job.click();
		await actor.page.waitForURL('**/work-orders/**');
		await actor.page.getByRole('button', { name: 'En route', exact: true }).click();
		await expect.poll(() => actor.page.getByTestId('status').textContent()).toBe('En route');
		expect(await actor.page.getByRole('alert').count()).toBe(0);

		// The watcher's board shows it without a reload.
		const watched = watcher.page.getByTestId(`work-order-${label}`);
		await expect.poll(() => watched.getAttribute('data-status'), { timeout: 10_000 }).toBe('EN_ROUTE');

		// The actor books a new job for Aisha Khan: it appears on the watcher's board, in her column.
		const before = await labelsOnBoard(watcher.page);
		await actor.page.goto(`/schedule?date=${day}`);
		await actor.page.getByRole('button', { name: 'New work order' }).click();
		const modal = actor.page.getByRole('dialog', { name: 'New work order' });
		await modal.getByLabel('Customer', { exact: true }).pressSequentially('Ruby');
		await modal.getByRole('option', { name: /Ruby Bennett/ }).click();
		await chooseFromTheLists(modal, { serviceType: 'Battery Replacement', start: '18:00', technician: 'Aisha Khan' });
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => modal.count()).toBe(0);

		await expect.poll(() => blocks(watcher.page).count(), { timeout: 10_000 }).toBe(before.length + 1);
		const created = (await labelsOnBoard(watcher.page)).find((l) => !before.includes(l))!;
		expect(await watcher.page.getByTestId('column-Aisha Khan').getByTestId(`work-order-${created}`).getAttribute('data-status')).toBe('SCHEDULED');

		expectNoConsoleErrors(watcher.consoleErrors);
		expectNoConsoleErrors(actor.consoleErrors);
		await watcher.context.close();
		await actor.context.close();
	});

	it('resumes after a lost connection from the last event it saw, and shows what it missed', async () => {
		const day = dayFromToday(1);
		const watcher = await openPage(browser);
		const actor = await openPage(browser);

		// The watcher's GraphQL socket goes through a route the test can cut, recording what is said.
		const toServer: string[] = [];
		const fromServer: string[] = [];
		let socket: WebSocketRoute | null = null;
		let refuse = false;
		await watcher.page.routeWebSocket(/\/graphql$/, (route) => {
			if (refuse) {
				void route.close({ code: 1012, reason: 'restarting' });
				return;
			}
			const server = route.connectToServer();
			route.onMessage((message) => {
				toServer.push(String(message));
				server.send(message);
			});
			server.onMessage((message) => {
				fromServer.push(String(message));
				route.send(message);
			});
			socket = route;
		});
		const subscribes = () =>
			toServer.map((m) => JSON.parse(m)).filter((m) => m.type === 'subscribe' && m.payload.operationName === 'ScheduleChanged' && m.payload.variables.date === day);
		const changes = () => fromServer.map((m) => JSON.parse(m)).filter((m) => m.type === 'next').map((m) => m.payload.data.scheduleChanged);

		await signIn(watcher.page, DISPATCHER);
		await signIn(actor.page, DISPATCHER);
		await openBoard(watcher.page, day);
		await expect.poll(() => subscribes().length).toBe(1);
		const firstAfter: string | null = subscribes()[0].payload.variables.after;
		const subscribedBefore = subscribes().length;

		// A change while connected arrives live.
		const jobs = watcher.page.getByTestId('column-Lena Fischer').locator('[data-testid^="work-order-"][data-status="SCHEDULED"]');
		const [first, second] = [await labelOf(jobs.nth(0)), await labelOf(jobs.nth(1))];
		const advance = async (label: string) => {
			await openBoard(actor.page, day);
			await actor.page.getByTestId(`work-order-${label}`).click();
			await actor.page.getByRole('button', { name: 'En route', exact: true }).click();
			await expect.poll(() => actor.page.getByTestId('status').textContent()).toBe('En route');
		};
		await advance(first);
		await expect.poll(() => watcher.page.getByTestId(`work-order-${first}`).getAttribute('data-status'), { timeout: 10_000 }).toBe('EN_ROUTE');
		const lastSeen = changes().at(-1).seq as string;
		expect(BigInt(lastSeen)).toBeGreaterThan(BigInt(firstAfter ?? '0'));

		// The connection drops, and stays down while another change is made.
		refuse = true;
		await (socket as WebSocketRoute | null)!.close({ code: 1012, reason: 'restarting' });
		await advance(second);
		expect(await watcher.page.getByTestId(`work-order-${second}`).getAttribute('data-status')).toBe('SCHEDULED');
		refuse = false;

		// Back online: it subscribes again after the last seq it saw, and the missed change shows without a reload.
		await expect.poll(() => watcher.page.getByTestId(`work-order-${second}`).getAttribute('data-status'), { timeout: 20_000 }).toBe('EN_ROUTE');
		expect(subscribes().length).toBeGreaterThan(subscribedBefore);
		expect(subscribes().at(-1).payload.variables.after).toBe(lastSeen);
		expect(await watcher.page.getByTestId(`work-order-${second}`).count()).toBe(1);

		await watcher.context.close();
		await actor.context.close();
	});
});
