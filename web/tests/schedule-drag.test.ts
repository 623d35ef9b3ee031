import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, clockIn, dateIn, instantOf, todayIn } from '../src/lib/format';
import { mondayOf } from '../src/lib/schedule/week';
import { api, book, bookForCustomer, createTestCustomer, tokenFor } from './support/api';
import { chooseOption, expectNoConsoleErrors, openPage, screenshot, signIn, typeDate, typeTime } from './support/browser';
import { DISPATCHER, ZONE, browserAndOffice, dayFromToday, openBoard } from './support/schedule';

// The demo business (prisma/seed.ts) books jobs from three days before today to three after; each test here
// plans a day of its own further ahead, so the board holds only the jobs it books.
/** The second demo organization (prisma/seed.ts), in Auckland: UTC+13 in summer, +12 in winter. */
const KIWI_ADMIN = 'admin@kiwi.test';
const KIWI_ZONE = 'Pacific/Auckland';
const HOUR_PX = 84;
const TALL = { width: 1280, height: 1500 };

const STORED = `query ($id: ID!) { node(id: $id) { ... on WorkOrder { windowStart windowEnd version technician { name } } } }`;
const stored = async (token: string, id: string) => (await api(STORED, { id }, token)).node as { windowStart: string; windowEnd: string; version: number; technician: { name: string } | null };

const column = (page: Page, technician: string) => page.getByTestId(`column-${technician}`);
const block = (scope: Page | Locator, label: string) => scope.getByTestId(`work-order-${label}`);

/** The point in a technician's column at a local clock time ("13:00"), `below` pixels under its line. */
async function pointAt(page: Page, technician: string, clock: string, below = 0): Promise<{ x: number; y: number }> {
	const firstHour = Number(await page.locator('.grid').getAttribute('data-first-hour'));
	const body = (await column(page, technician).locator('.body').boundingBox())!;
	const [hours, minutes] = clock.split(':').map(Number) as [number, number];
	return { x: body.x + body.width / 2, y: body.y + ((hours * 60 + minutes - firstHour * 60) * HOUR_PX) / 60 + below };
}

/** Presses on a block this far below its top, as a person grabs it. */
async function grab(page: Page, target: Locator, below = 6): Promise<void> {
	const box = (await target.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + below);
	await page.mouse.down();
}

async function dragTo(page: Page, to: { x: number; y: number }): Promise<void> {
	await page.mouse.move(to.x, to.y, { steps: 12 });
}

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

describe('moving jobs on the day board', () => {
	let browser: Browser;
	let office: string;
	beforeAll(async () => {
		({ browser, office } = await browserAndOffice());
	});
	afterAll(() => browser.close());

	it('drags a job to another time, showing that it fits there, and the API keeps it', async () => {
		const day = dayFromToday(5);
		const job = await book(office, { date: day, at: '09:00', technician: 'Devon Carter' });
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);

		await grab(page, block(page, job.label));
		await dragTo(page, await pointAt(page, 'Devon Carter', '13:00', 6));
		const target = column(page, 'Devon Carter').getByTestId('drop-target');
		await expect.poll(() => target.getAttribute('data-fits')).toBe('true');
		expect(await target.innerText()).toMatch(/1:00\s?PM – 1:45\s?PM\s+Fits/);
		// The job itself stays put until the API has answered.
		expect(await block(page, job.label).getAttribute('title')).toMatch(/9:00\s?AM/);
		await page.mouse.up();

		await expect.poll(() => block(page, job.label).getAttribute('title')).toMatch(/1:00\s?PM – 1:45\s?PM/);
		await expect.poll(() => target.count()).toBe(0);
		// A drag is no click: the board is still open.
		expect(new URL(page.url()).pathname).toBe('/schedule');
		const now = await stored(office, job.id);
		expect(now.windowStart).toBe(instantOf(day, '13:00', ZONE));
		expect(Date.parse(now.windowEnd) - Date.parse(now.windowStart)).toBe(45 * 60_000);
		expect(now.technician?.name).toBe('Devon Carter');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("reassigns a job by dragging it into another technician's column at another time", async () => {
		const day = dayFromToday(6);
		const job = await book(office, { date: day, at: '10:00', technician: 'Devon Carter' });
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);

		await grab(page, block(page, job.label));
		await dragTo(page, await pointAt(page, 'Lena Fischer', '11:30', 6));
		await expect.poll(() => column(page, 'Lena Fischer').getByTestId('drop-target').count()).toBe(1);
		await page.mouse.up();

		await block(column(page, 'Lena Fischer'), job.label).waitFor();
		expect(await block(column(page, 'Devon Carter'), job.label).count()).toBe(0);
		expect(await block(page, job.label).getAttribute('data-technician')).toBe('Lena Fischer');
		const now = await stored(office, job.id);
		expect(now).toMatchObject({ technician: { name: 'Lena Fischer' }, windowStart: instantOf(day, '11:30', ZONE) });
		// Still there after a reload.
		await page.reload();
		await block(column(page, 'Lena Fischer'), job.label).waitFor();
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("drags a job's lower edge to make it end later, in whole snap steps", async () => {
		const day = dayFromToday(7);
		const job = await book(office, { date: day, at: '09:00', technician: 'Jamal Brooks' });
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);

		const edge = page.getByTestId(`resize-${job.label}`);
		const box = (await edge.boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		// 30 minutes further down (two 15-minute steps).
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + HOUR_PX / 2, { steps: 8 });
		const target = column(page, 'Jamal Brooks').getByTestId('drop-target');
		await expect.poll(() => target.innerText()).toMatch(/9:00\s?AM – 10:15\s?AM/);
		await page.mouse.up();

		await expect.poll(() => block(page, job.label).getAttribute('title')).toMatch(/9:00\s?AM – 10:15\s?AM/);
		const now = await stored(office, job.id);
		expect(now.windowStart).toBe(instantOf(day, '09:00', ZONE));
		expect(now.windowEnd).toBe(instantOf(day, '10:15', ZONE));
		expect(new URL(page.url()).pathname).toBe('/schedule');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('assigns a job by dragging it from Unassigned onto a technician', async () => {
		const day = dayFromToday(8);
		const customer = await createTestCustomer(office, `Drag Fleet ${Date.now()}`, { licensePlate: `DRG${Date.now() % 10000}`, vin: `1FTBW2CM5HKA${String(Date.now()).slice(-5)}` });
		const job = await bookForCustomer(office, customer, day, '08:00');
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);

		const queued = block(page.getByTestId('unassigned'), job.label);
		await queued.waitFor();
		await grab(page, queued, 4);
		// From the queue the pointer marks where the job starts.
		await dragTo(page, await pointAt(page, 'Sam Whitaker', '15:00', 2));
		await expect.poll(() => column(page, 'Sam Whitaker').getByTestId('drop-target').innerText()).toMatch(/3:00\s?PM – 3:45\s?PM/);
		await page.mouse.up();

		await block(column(page, 'Sam Whitaker'), job.label).waitFor();
		expect(await block(page.getByTestId('unassigned'), job.label).count()).toBe(0);
		expect(await stored(office, job.id)).toMatchObject({ technician: { name: 'Sam Whitaker' }, windowStart: instantOf(day, '15:00', ZONE) });

		// And back: dropped on the queue, it is unassigned at the same time.
		await grab(page, block(page, job.label));
		const queue = (await page.getByTestId('unassigned').boundingBox())!;
		await dragTo(page, { x: queue.x + queue.width - 40, y: queue.y + queue.height / 2 });
		await expect.poll(() => page.getByTestId('unassigned').getByTestId('drop-target').count()).toBe(1);
		await page.mouse.up();
		await block(page.getByTestId('unassigned'), job.label).waitFor();
		expect(await stored(office, job.id)).toMatchObject({ technician: null, windowStart: instantOf(day, '15:00', ZONE) });
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('refuses a drop onto another job: the target says so first, the job returns to its place and the reason names the job in the way', async () => {
		const day = dayFromToday(9);
		const inTheWay = await book(office, { date: day, at: '11:00', technician: 'Devon Carter' });
		const job = await book(office, { date: day, at: '14:00', technician: 'Jamal Brooks' });
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);
		const before = await stored(office, job.id);

		await grab(page, block(page, job.label));
		await dragTo(page, await pointAt(page, 'Devon Carter', '11:15', 6));
		const target = column(page, 'Devon Carter').getByTestId('drop-target');
		await expect.poll(() => target.getAttribute('data-fits')).toBe('false');
		expect(await target.innerText()).toContain(`Overlaps ${inTheWay.label}`);
		await screenshot(page, 'schedule-drag-conflict');
		await page.mouse.up();

		const notice = page.getByTestId(`notice-${job.label}`);
		await expect.poll(() => notice.textContent()).toContain(`Not moved: Devon Carter is already booked for ${inTheWay.label} at 11:00`);
		// Back where it was, in Jamal's column, shown beside it, and said to a screen reader.
		expect(await block(column(page, 'Jamal Brooks'), job.label).getAttribute('title')).toMatch(/2:00\s?PM/);
		expect(await column(page, 'Jamal Brooks').getByTestId(`notice-${job.label}`).count()).toBe(1);
		expect(await page.getByTestId('board-announcement').textContent()).toContain(inTheWay.label);
		expect(await stored(office, job.id)).toEqual(before);
		await screenshot(page, 'schedule-drag-refused');
		await notice.getByRole('button', { name: 'Dismiss' }).click();
		expect(await notice.count()).toBe(0);
		// The notice went with the focus of its button: the job has it.
		expect(await isFocused(block(page, job.label))).toBe(true);

		// Escape while dragging drops it where it was, and nothing is sent.
		await grab(page, block(page, job.label));
		await dragTo(page, await pointAt(page, 'Lena Fischer', '16:00', 6));
		await page.keyboard.press('Escape');
		await page.mouse.up();
		expect(await page.getByTestId('drop-target').count()).toBe(0);
		expect(await stored(office, job.id)).toEqual(before);
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('moves, resizes and reassigns with the keyboard, announced for a screen reader; Escape cancels', async () => {
		const day = dayFromToday(10);
		const job = await book(office, { date: day, at: '09:00', technician: 'Devon Carter' });
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);
		const announcement = page.getByTestId('board-announcement');
		const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

		// Tab reaches the job; its description tells how to move it.
		await page.getByLabel('Schedule date').focus();
		for (let presses = 0; presses < 30 && (await focused()) !== `work-order-${job.label}`; presses++) await page.keyboard.press('Tab');
		expect(await focused()).toBe(`work-order-${job.label}`);
		expect(await page.locator(`#${await block(page, job.label).getAttribute('aria-describedby')}`).textContent()).toContain('arrow keys');

		// An hour later and one technician to the right, then Escape: nothing changes.
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => announcement.textContent()).toMatch(new RegExp(`${job.label} to Jamal Brooks, 10:00\\s?AM – 10:45\\s?AM: free`));
		await page.keyboard.press('Escape');
		expect(await announcement.textContent()).toContain(`${job.label} stays where it was`);
		expect((await stored(office, job.id)).version).toBe(1);

		// Again, and Enter saves it: the focus stays on the job in its new column.
		for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Enter');
		await block(column(page, 'Jamal Brooks'), job.label).waitFor();
		await expect.poll(() => announcement.textContent()).toMatch(new RegExp(`${job.label} moved: Jamal Brooks, 10:00\\s?AM – 10:45\\s?AM`));
		await expect.poll(focused).toBe(`work-order-${job.label}`);
		expect(await stored(office, job.id)).toMatchObject({ technician: { name: 'Jamal Brooks' }, windowStart: instantOf(day, '10:00', ZONE) });

		// Shift+ArrowDown makes it end later.
		await page.keyboard.press('Shift+ArrowDown');
		await page.keyboard.press('Shift+ArrowDown');
		await page.keyboard.press('Enter');
		await expect.poll(async () => (await stored(office, job.id)).windowEnd).toBe(instantOf(day, '11:15', ZONE));
		// The board says so once it has the answer; a key pressed before that waits for no move in flight.
		await expect.poll(() => announcement.textContent()).toMatch(new RegExp(`${job.label} moved: Jamal Brooks, 10:00\\s?AM – 11:15\\s?AM`));

		// Left past the first technician is Unassigned.
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
		await expect.poll(() => announcement.textContent()).toContain(`${job.label} to Unassigned`);
		await page.keyboard.press('Enter');
		await block(page.getByTestId('unassigned'), job.label).waitFor();
		expect((await stored(office, job.id)).technician).toBeNull();
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('two dispatchers drag the same job: the first drop wins, the other sees it move and is told when they drop', async () => {
		const day = dayFromToday(11);
		const job = await book(office, { date: day, at: '09:00', technician: 'Aisha Khan' });
		const first = await openPage(browser, TALL);
		const second = await openPage(browser, TALL);
		await Promise.all([signIn(first.page, DISPATCHER), signIn(second.page, DISPATCHER)]);
		await Promise.all([openBoard(first.page, day), openBoard(second.page, day)]);

		// The second dispatcher picks the job up and holds it over Lena's column.
		await grab(second.page, block(second.page, job.label));
		await dragTo(second.page, await pointAt(second.page, 'Lena Fischer', '15:00', 6));
		await column(second.page, 'Lena Fischer').getByTestId('drop-target').waitFor();

		// Meanwhile the first moves it to Devon at 12:00.
		await grab(first.page, block(first.page, job.label));
		await dragTo(first.page, await pointAt(first.page, 'Devon Carter', '12:00', 6));
		await first.page.mouse.up();
		await block(column(first.page, 'Devon Carter'), job.label).waitFor();

		// The second sees it move while still holding it, then drops: refused, told, and shown where it now is.
		await block(column(second.page, 'Devon Carter'), job.label).waitFor({ timeout: 10_000 });
		await second.page.mouse.up();
		const notice = column(second.page, 'Devon Carter').getByTestId(`notice-${job.label}`);
		await expect.poll(() => notice.textContent()).toMatch(new RegExp(`Not moved: someone else changed ${job.label} meanwhile. It is now with Devon Carter at 12:00\\s?PM`));
		expect(await block(column(second.page, 'Lena Fischer'), job.label).count()).toBe(0);
		expect(await stored(office, job.id)).toMatchObject({ technician: { name: 'Devon Carter' }, windowStart: instantOf(day, '12:00', ZONE), version: 2 });

		// Both drop at once: exactly one wins, and both boards end up showing the winner's move.
		await grab(first.page, block(first.page, job.label));
		await dragTo(first.page, await pointAt(first.page, 'Maria Lopez', '08:00', 6));
		await grab(second.page, block(second.page, job.label));
		await dragTo(second.page, await pointAt(second.page, 'Priya Raman', '16:00', 6));
		await Promise.all([first.page.mouse.up(), second.page.mouse.up()]);
		await expect.poll(async () => (await first.page.locator('[data-testid^="notice-"]').count()) + (await second.page.locator('[data-testid^="notice-"]').count())).toBe(1);
		const winner = (await stored(office, job.id)).technician!.name;
		expect(['Maria Lopez', 'Priya Raman']).toContain(winner);
		for (const { page } of [first, second]) await block(column(page, winner), job.label).waitFor({ timeout: 10_000 });
		expect((await stored(office, job.id)).version).toBe(3);

		for (const { consoleErrors, context } of [first, second]) {
			expectNoConsoleErrors(consoleErrors);
			await context.close();
		}
	});

	it('scrolls the board sideways while a job is held at its edge, so a column out of view can be reached', async () => {
		const day = dayFromToday(15);
		const job = await book(office, { date: day, at: '10:00', technician: 'Aisha Khan' });
		const { context, page, consoleErrors } = await openPage(browser, { width: 900, height: 1500 });
		await signIn(page, DISPATCHER);
		await openBoard(page, day);
		const scroller = page.locator('[data-schedule-scroller]');
		expect(await scroller.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
		expect(await column(page, 'Tomasz Nowak').evaluate((element, box) => element.getBoundingClientRect().left >= box, (await scroller.boundingBox())!.x + (await scroller.boundingBox())!.width)).toBe(true);

		await grab(page, block(page, job.label));
		const box = (await scroller.boundingBox())!;
		await dragTo(page, { x: box.x + box.width - 12, y: (await pointAt(page, 'Aisha Khan', '11:00', 6)).y });
		await expect.poll(() => column(page, 'Tomasz Nowak').getByTestId('drop-target').count(), { timeout: 10_000 }).toBe(1);
		expect(await scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
		await page.mouse.up();
		await block(column(page, 'Tomasz Nowak'), job.label).waitFor();
		expect(await stored(office, job.id)).toMatchObject({ technician: { name: 'Tomasz Nowak' }, windowStart: instantOf(day, '11:00', ZONE) });
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('does not let a job that has started be dragged or moved with the keyboard; a click still opens it', async () => {
		const day = dayFromToday(13);
		const job = await book(office, { date: day, at: '09:00', technician: 'Devon Carter' });
		await api(`mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename } }`, { input: { id: job.id, status: 'EN_ROUTE' } }, office);
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);
		const started = block(page, job.label);
		expect(await started.getAttribute('data-status')).toBe('EN_ROUTE');
		expect(await started.getAttribute('aria-describedby')).toBeNull();
		expect(await page.getByTestId(`resize-${job.label}`).count()).toBe(0);

		await grab(page, started);
		await dragTo(page, await pointAt(page, 'Devon Carter', '13:00', 6));
		expect(await page.getByTestId('drop-target').count()).toBe(0);
		await page.mouse.up();
		await started.focus();
		await page.keyboard.press('ArrowDown');
		expect(await page.getByTestId('drop-target').count()).toBe(0);
		expect((await stored(office, job.id)).version).toBe(2);

		await started.click();
		await page.waitForURL('**/work-orders/**');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('shows a refusal for a job from Unassigned over the board, which stays where it was, with Move anyway kept', async () => {
		const day = dayFromToday(17);
		const customer = await createTestCustomer(office, `Queue Fleet ${Date.now()}`, { licensePlate: `QUE${Date.now() % 10000}`, vin: `1FTBW2CM5HKB${String(Date.now()).slice(-5)}` });
		const job = await bookForCustomer(office, customer, day, '08:00');
		const other = await bookForCustomer(office, customer, day, '09:00');
		const { technicians } = await api(`{ technicians { id name } }`, {}, office);
		const devon = technicians.find((t: { name: string }) => t.name === 'Devon Carter').id;
		await api(
			`mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) { __typename } }`,
			{ input: { technicianId: devon, startsAt: instantOf(day, '12:00', ZONE), endsAt: instantOf(day, '15:00', ZONE), reason: 'Training day' } },
			office
		);
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);
		const queue = page.getByTestId('unassigned');
		await block(queue, other.label).waitFor();
		const layout = async () => ({
			grid: (await page.locator('.grid').boundingBox())!.y,
			queue: (await queue.boundingBox())!.height,
			otherCard: (await block(queue, other.label).boundingBox())!.height
		});
		const before = await layout();

		await grab(page, block(queue, job.label), 4);
		await dragTo(page, await pointAt(page, 'Devon Carter', '13:00', 2));
		await expect.poll(() => column(page, 'Devon Carter').getByTestId('drop-target').getAttribute('data-fits')).toBe('false');
		await page.mouse.up();

		const notice = page.getByTestId(`notice-${job.label}`);
		await expect.poll(() => notice.textContent()).toContain('Not moved:');
		await notice.getByRole('button', { name: 'Move anyway' }).waitFor();
		expect(await page.getByTestId('board-announcement').textContent()).toContain('Move anyway is beside it.');
		// Nothing moved or stretched: the notice lies over the board, just below its job, and can be reached.
		expect(await layout()).toEqual(before);
		const [card, over] = [(await block(queue, job.label).boundingBox())!, (await notice.boundingBox())!];
		expect(over.y).toBeGreaterThanOrEqual(card.y + card.height);
		expect(over.y).toBeLessThan(card.y + card.height + 20);
		expect(await notice.evaluate((element) => {
			const box = element.getBoundingClientRect();
			return element.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
		})).toBe(true);
		await screenshot(page, 'schedule-queue-refused');

		await notice.getByRole('button', { name: 'Move anyway' }).click();
		await block(column(page, 'Devon Carter'), job.label).waitFor();
		expect(await stored(office, job.id)).toMatchObject({ technician: { name: 'Devon Carter' }, windowStart: instantOf(day, '13:00', ZONE) });
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it("refuses a drop into the technician's time off, shaded on the schedule, and moves it there anyway when the dispatcher insists", async () => {
		const day = dayFromToday(14);
		const job = await book(office, { date: day, at: '09:00', technician: 'Devon Carter' });
		const { technicians } = await api(`{ technicians { id name } }`, {}, office);
		const devon = technicians.find((t: { name: string }) => t.name === 'Devon Carter').id;
		const added = await api(
			`mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) { __typename } }`,
			{ input: { technicianId: devon, startsAt: instantOf(day, '12:00', ZONE), endsAt: instantOf(day, '15:00', ZONE), reason: 'Dentist appointment' } },
			office
		);
		expect(added.addTimeOff.__typename).toBe('MutationAddTimeOffSuccess');
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, DISPATCHER);
		await openBoard(page, day);
		expect(await column(page, 'Devon Carter').locator('[data-testid="unavailable"][data-kind="TIME_OFF"]').innerText()).toContain('Dentist appointment');

		await grab(page, block(page, job.label));
		await dragTo(page, await pointAt(page, 'Devon Carter', '13:00', 6));
		const target = column(page, 'Devon Carter').getByTestId('drop-target');
		await expect.poll(() => target.getAttribute('data-fits')).toBe('false');
		expect(await target.innerText()).toContain('Time off: Dentist appointment');
		await page.mouse.up();

		const notice = page.getByTestId(`notice-${job.label}`);
		await expect.poll(() => notice.textContent()).toContain('Not moved:');
		expect((await stored(office, job.id)).windowStart).toBe(instantOf(day, '09:00', ZONE));
		await notice.getByRole('button', { name: 'Move anyway' }).click();
		await expect.poll(() => block(page, job.label).getAttribute('title')).toMatch(/1:00\s?PM – 1:45\s?PM/);
		// Move anyway went with its notice: the focus is on the job, not lost to the page.
		await expect.poll(() => isFocused(block(page, job.label))).toBe(true);
		expect((await stored(office, job.id)).windowStart).toBe(instantOf(day, '13:00', ZONE));
		const { node } = await api(`query ($id: ID!) { node(id: $id) { ... on WorkOrder { events { type availabilityOverride { kind } } } } }`, { id: job.id }, office);
		expect(node.events.at(-1)).toMatchObject({ type: 'RESCHEDULED', availabilityOverride: { kind: 'TIME_OFF' } });
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('books and drags on the day shown in an organization 13 hours ahead of UTC (Auckland), and moves there anyway outside the hours', async () => {
		// Kiwi's Aroha Ngata works weekdays 08:00–12:00 and 12:30–17:00 (prisma/seed.ts); a Monday two weeks on has no jobs yet.
		const day = addDays(mondayOf(todayIn(KIWI_ZONE)), 14);
		const { context, page, consoleErrors } = await openPage(browser, TALL);
		await signIn(page, KIWI_ADMIN);
		await page.goto(`/schedule?date=${day}`);
		await column(page, 'Aroha Ngata').waitFor();

		await page.getByRole('button', { name: 'New work order' }).click();
		const modal = page.getByRole('dialog', { name: 'New work order' });
		await modal.getByLabel('Customer', { exact: true }).click();
		await page.keyboard.type('Metro');
		await modal.getByRole('option', { name: /Metro Plumbing/ }).click();
		const vehicle = modal.getByLabel('Vehicle', { exact: true });
		await expect.poll(() => vehicle.isEnabled()).toBe(true);
		await chooseOption(vehicle, (await vehicle.locator('option:not([disabled])').first().textContent())!);
		await chooseOption(modal.getByLabel('Service type', { exact: true }), 'Tyre Rotation');
		await typeDate(modal.getByLabel('Date', { exact: true }), day);
		await typeTime(modal.getByLabel('Start', { exact: true }), '09:00');
		const address = modal.getByLabel('Service address', { exact: true });
		await chooseOption(address, (await address.locator('option:not([disabled])').first().textContent())!);
		await chooseOption(modal.getByLabel('Technician', { exact: true }), 'Aroha Ngata');
		await modal.getByRole('button', { name: 'Create work order' }).click();
		await expect.poll(() => modal.count()).toBe(0);

		// On the day chosen, not the next one.
		expect(new URL(page.url()).searchParams.get('date')).toBe(day);
		const booked = column(page, 'Aroha Ngata').locator('[data-testid^="work-order-"]');
		await expect.poll(() => booked.count()).toBe(1);
		const label = (await booked.getAttribute('data-testid'))!.replace('work-order-', '');
		expect(await booked.getAttribute('title')).toMatch(/9:00\s?AM – 9:30\s?AM/);
		const kiwi = await tokenFor(KIWI_ADMIN);
		const id = decodeURIComponent((await booked.getAttribute('href'))!.split('/').at(-1)!);
		const at = async () => {
			const { windowStart } = await stored(kiwi, id);
			return `${dateIn(windowStart, KIWI_ZONE)} ${clockIn(windowStart, KIWI_ZONE)}`;
		};
		expect(await at()).toBe(`${day} 09:00`);

		// Dragged to 14:00: the same day, at 14:00 there.
		await grab(page, block(page, label));
		await dragTo(page, await pointAt(page, 'Aroha Ngata', '14:00', 6));
		await expect.poll(() => column(page, 'Aroha Ngata').getByTestId('drop-target').getAttribute('data-fits')).toBe('true');
		await page.mouse.up();
		await expect.poll(() => block(page, label).getAttribute('title')).toMatch(/2:00\s?PM – 2:30\s?PM/);
		expect(await at()).toBe(`${day} 14:00`);

		// 17:30 is after her hours: the board says so before the drop, the API refuses it naming Monday, and Move anyway books it there.
		await grab(page, block(page, label));
		await dragTo(page, await pointAt(page, 'Aroha Ngata', '17:30', 6));
		const target = column(page, 'Aroha Ngata').getByTestId('drop-target');
		await expect.poll(() => target.innerText()).toContain('Outside working hours');
		await page.mouse.up();
		const notice = page.getByTestId(`notice-${label}`);
		await expect.poll(() => notice.textContent()).toContain('Aroha Ngata works 08:00–12:00, 12:30–17:00 on Mondays');
		expect(await at()).toBe(`${day} 14:00`);
		await notice.getByRole('button', { name: 'Move anyway' }).click();
		await expect.poll(() => block(page, label).getAttribute('title')).toMatch(/5:30\s?PM – 6:00\s?PM/);
		expect(await at()).toBe(`${day} 17:30`);

		// The week counts it on that Monday.
		await page.goto(`/schedule/week?week=${day}`);
		await expect.poll(() => page.getByTestId(`week-cell-Aroha Ngata-${day}`).getAttribute('data-jobs')).toBe('1');
		expect(await page.getByTestId(`week-cell-Aroha Ngata-${addDays(day, 1)}`).getAttribute('data-jobs')).toBe('0');
		expectNoConsoleErrors(consoleErrors);
		await context.close();
	});

	it('offers no board to a technician or a fleet customer, and the API refuses their moves', async () => {
		const day = dayFromToday(12);
		const job = await book(office, { date: day, at: '09:00', technician: 'Maria Lopez' });
		for (const email of ['tech@northwind.test', 'fleet@northwind.test']) {
			const { context, page } = await openPage(browser);
			await signIn(page, email);
			await page.goto(`/schedule?date=${day}`);
			await page.waitForURL((url) => url.pathname !== '/schedule');
			expect(await page.locator('[data-drop]').count()).toBe(0);
			const token = await tokenFor(email);
			const answer = await api(
				`mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename } }`,
				{ input: { id: job.id, windowStart: instantOf(day, '13:00', ZONE) } },
				token
			);
			expect(['ForbiddenError', 'NotFoundError']).toContain(answer.updateWorkOrder.__typename);
			await context.close();
		}
		expect((await stored(office, job.id)).version).toBe(1);
	});
});
