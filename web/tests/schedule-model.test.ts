import { describe, expect, it } from 'vitest';
import { applyChange, scheduleFrom, columnsOf, placeOnSchedule, unassignedOf, type Schedule, type ScheduleWorkOrder } from '../src/lib/schedule/schedule';
import { axisOf, placeBlocks } from '../src/lib/schedule/layout';
import { fitOf, minutesAtOffset, movedTo, nudged, placementOf, resizedBy, verdictOf, type Proposal } from '../src/lib/schedule/moves';
import { bookedShare, mondayOf, weekScheduleFrom, weekRow } from '../src/lib/schedule/week';

// Friday 2026-11-27 in Chicago (UTC−6): the day runs from 06:00Z to 06:00Z the next day.
const ZONE = 'America/Chicago';
const DATE = '2026-11-27';
const at = (local: string, date = DATE) => new Date(`${date}T${local}:00-06:00`).toISOString();

const maria = { id: 'tech-maria', name: 'Maria Lopez', color: '#2563eb' };
const devon = { id: 'tech-devon', name: 'Devon Carter', color: '#16a34a' };
const lena = { id: 'tech-lena', name: 'Lena Fischer', color: '#0891b2' };

let numbers = 1000;
function workOrder(fields: Partial<ScheduleWorkOrder> = {}): ScheduleWorkOrder {
	const number = ++numbers;
	return {
		id: `wo-${number}`,
		label: `WO-${number}`,
		status: 'SCHEDULED',
		version: 1,
		canEdit: true,
		windowStart: at('10:30'),
		windowEnd: at('11:30'),
		customer: { id: 'customer-1', name: 'Noah Patel' },
		serviceType: { id: 'service-1', name: 'Synthetic Oil Change' },
		technician: maria,
		...fields
	};
}

function schedule(workOrders: ScheduleWorkOrder[] = []): Schedule {
	return { date: DATE, timeZone: ZONE, windowStart: at('00:00'), windowEnd: at('00:00', '2026-11-28'), technicians: [maria, devon], workOrders };
}

const change = (wo: ScheduleWorkOrder | null, id = wo?.id ?? '') => ({ event: { workOrderId: id }, workOrder: wo });

describe("the board's state", () => {
	it('starts following after the last event the loaded day reflects', () => {
		const job = workOrder();
		const { schedule: loaded, after } = scheduleFrom({
			date: DATE,
			timeZone: ZONE,
			windowStart: at('00:00'),
			windowEnd: at('00:00', '2026-11-28'),
			lastSeq: '120',
			technicians: [{ technician: maria, workOrders: [job] }],
			unassigned: [workOrder({ technician: null })]
		});
		expect(after).toBe('120');
		expect(loaded.workOrders).toHaveLength(2);
	});

	it('adds a new job, updates it in place and moves it between columns, never twice', () => {
		const job = workOrder();
		let state = applyChange(schedule(), change(job));
		state = placeOnSchedule(state, job); // the mutation's result and the subscription's message
		expect(state.workOrders).toHaveLength(1);
		state = applyChange(state, change({ ...job, version: 2, status: 'EN_ROUTE' }));
		expect(columnsOf(state).find((c) => c.technician.id === maria.id)!.workOrders.map((w) => w.status)).toEqual(['EN_ROUTE']);
		state = applyChange(state, change({ ...job, version: 3, technician: devon }));
		const columns = Object.fromEntries(columnsOf(state).map((c) => [c.technician.name, c.workOrders.map((w) => w.label)]));
		expect(columns).toEqual({ 'Devon Carter': [job.label], 'Maria Lopez': [] });
		state = applyChange(state, change({ ...job, version: 4, technician: null }));
		expect(unassignedOf(state).map((w) => w.label)).toEqual([job.label]);
	});

	it('takes a job off when it leaves the day, or when the viewer may no longer see it', () => {
		const moved = workOrder();
		const hidden = workOrder();
		let state = schedule([moved, hidden]);
		state = applyChange(state, change({ ...moved, version: 2, windowStart: at('10:30', '2026-11-28'), windowEnd: at('11:30', '2026-11-28') }));
		state = applyChange(state, change(null, hidden.id));
		expect(state.workOrders).toEqual([]);
	});

	it('keeps a job that overlaps midnight into the day', () => {
		const late = workOrder({ windowStart: at('23:30', '2026-11-26'), windowEnd: at('00:30') });
		expect(applyChange(schedule(), change(late)).workOrders).toHaveLength(1);
	});

	it('never lets an older version overwrite a newer one', () => {
		const job = workOrder({ version: 3, status: 'ON_SITE' });
		const state = applyChange(schedule([job]), change({ ...job, version: 2, status: 'EN_ROUTE' }));
		expect(state.workOrders[0]!.status).toBe('ON_SITE');
	});

	it('gives a column to a technician a job was moved to, in name order', () => {
		const state = applyChange(schedule(), change(workOrder({ technician: lena })));
		expect(columnsOf(state).map((c) => c.technician.name)).toEqual(['Devon Carter', 'Lena Fischer', 'Maria Lopez']);
	});
});

describe("the board's layout", () => {
	it('shows 7:00 to 19:00, widened to whole hours around jobs outside it', () => {
		expect(axisOf(schedule([workOrder()]))).toEqual({ firstHour: 7, lastHour: 19 });
		expect(axisOf(schedule([workOrder({ windowStart: at('06:15'), windowEnd: at('07:00') }), workOrder({ windowStart: at('19:00'), windowEnd: at('20:30') })]))).toEqual({
			firstHour: 6,
			lastHour: 21
		});
	});

	it('reaches the end of the latest working hours and the start of the earliest, with no job there yet', () => {
		const outside = (from: string, to: string, day = DATE) => ({ kind: 'OUTSIDE_WORKING_HOURS' as const, windowStart: at(from), windowEnd: at(to, day) });
		const availability = {
			// Maria works 07:00–23:00, Devon 05:30–12:00 and 13:00–15:00 (a lunch break between is not the day's edge).
			[maria.id]: { hasWorkingHours: true, unavailable: [outside('00:00', '07:00'), outside('23:00', '00:00', '2026-11-28')] },
			[devon.id]: { hasWorkingHours: true, unavailable: [outside('00:00', '05:30'), outside('12:00', '13:00'), outside('15:00', '00:00', '2026-11-28')] }
		};
		expect(axisOf({ ...schedule([workOrder()]), availability })).toEqual({ firstHour: 5, lastHour: 23 });
		// A technician without hours, or whose hours the caller may not read, leaves the axis as the jobs make it.
		const unknown = { [maria.id]: { hasWorkingHours: false, unavailable: [] }, [devon.id]: { hasWorkingHours: true, unavailable: null } };
		expect(axisOf({ ...schedule([workOrder()]), availability: unknown })).toEqual({ firstHour: 7, lastHour: 19 });
	});

	it('places a block from window start to end, in minutes from the first hour', () => {
		const [block] = placeBlocks([workOrder({ windowStart: at('10:30'), windowEnd: at('12:00') })], DATE, ZONE, { firstHour: 7, lastHour: 19 });
		expect(block).toMatchObject({ top: 210, height: 90, lane: 0, lanes: 1 });
	});

	it('gives a canceled job under its replacement a strip beside it, not a lane of the column', () => {
		const canceled = workOrder({ status: 'CANCELED', windowStart: at('10:30'), windowEnd: at('11:30') });
		const replacement = workOrder({ windowStart: at('10:30'), windowEnd: at('11:15') });
		const next = workOrder({ windowStart: at('11:30'), windowEnd: at('12:30') });
		const blocks = placeBlocks([next, replacement, canceled], DATE, ZONE, { firstHour: 7, lastHour: 19 });
		const byLabel = Object.fromEntries(blocks.map((b) => [b.workOrder.label, { lane: b.lane, lanes: b.lanes, place: b.place }]));
		expect(byLabel[replacement.label]).toEqual({ lane: 0, lanes: 1, place: 'beside-strip' });
		expect(byLabel[canceled.label]).toEqual({ lane: 0, lanes: 1, place: 'strip' });
		expect(byLabel[next.label]).toEqual({ lane: 0, lanes: 1, place: 'lane' });
	});

	it('lays out canceled and no-show jobs with no active job over them like any other, side by side', () => {
		const canceled = workOrder({ status: 'CANCELED', windowStart: at('10:30'), windowEnd: at('11:30') });
		const noShow = workOrder({ status: 'NO_SHOW', windowStart: at('11:00'), windowEnd: at('12:00') });
		const blocks = placeBlocks([canceled, noShow], DATE, ZONE, { firstHour: 7, lastHour: 19 });
		expect(blocks.map((b) => [b.workOrder.label, b.lane, b.lanes, b.place])).toEqual([
			[canceled.label, 0, 2, 'lane'],
			[noShow.label, 1, 2, 'lane']
		]);
	});
});

describe('moving a job on the board', () => {
	const axis = { firstHour: 7, lastHour: 19 };
	const ids = [devon.id, maria.id];
	const proposal = (job: ScheduleWorkOrder, mode: Proposal['mode'] = 'move') => ({ workOrder: job, mode, target: placementOf(job) });

	it('snaps a pointer to 15-minute steps and keeps it on the axis', () => {
		expect(minutesAtOffset(0, axis)).toBe(7 * 60);
		expect(minutesAtOffset(84 * 3 + 10, axis)).toBe(10 * 60); // 10:07 → 10:00
		expect(minutesAtOffset(84 * 3 + 15, axis)).toBe(10 * 60 + 15); // 10:11 → 10:15
		expect(minutesAtOffset(-200, axis)).toBe(7 * 60);
		expect(minutesAtOffset(84 * 40, axis)).toBe(19 * 60 - 15);
	});

	it('keeps the length when moved, and never shortens below one step when resized', () => {
		const job = workOrder({ windowStart: at('10:30'), windowEnd: at('11:30') });
		expect(movedTo(job, devon.id, 14 * 60, DATE, ZONE)).toEqual({ technicianId: devon.id, windowStart: at('14:00'), windowEnd: at('15:00') });
		expect(resizedBy(job, 2).windowEnd).toBe(at('12:00'));
		expect(resizedBy(job, -10).windowEnd).toBe(at('10:45'));
	});

	it('moves with the arrow keys: up and down by a step, left and right between technicians with Unassigned first', () => {
		const job = workOrder({ technician: devon, windowStart: at('10:30'), windowEnd: at('11:30') });
		expect(nudged(proposal(job), 'ArrowDown', ids, DATE, ZONE, axis)).toMatchObject({ windowStart: at('10:45'), windowEnd: at('11:45') });
		expect(nudged(proposal(job), 'ArrowRight', ids, DATE, ZONE, axis).technicianId).toBe(maria.id);
		expect(nudged(proposal(job), 'ArrowLeft', ids, DATE, ZONE, axis).technicianId).toBeNull();
		const onMaria = { ...proposal(job), target: { ...placementOf(job), technicianId: maria.id } };
		expect(nudged(onMaria, 'ArrowRight', ids, DATE, ZONE, axis).technicianId).toBe(maria.id); // the last column stays
		expect(nudged(proposal(job, 'resize'), 'ArrowDown', ids, DATE, ZONE, axis)).toMatchObject({ windowStart: at('10:30'), windowEnd: at('11:45') });
		const early = workOrder({ windowStart: at('07:00'), windowEnd: at('07:30') });
		expect(nudged(proposal(early), 'ArrowUp', ids, DATE, ZONE, axis).windowStart).toBe(at('07:00'));
	});

	it("tells a target that overlaps another active job of that technician, but not a canceled one's or an unassigned target", () => {
		const job = workOrder({ technician: devon, windowStart: at('09:00'), windowEnd: at('10:00') });
		const inTheWay = workOrder({ technician: maria, windowStart: at('13:30'), windowEnd: at('14:30') });
		const canceled = workOrder({ technician: maria, status: 'CANCELED', windowStart: at('16:00'), windowEnd: at('17:00') });
		const state = schedule([job, inTheWay, canceled]);
		expect(fitOf(state, job, movedTo(job, maria.id, 14 * 60, DATE, ZONE))).toEqual({ fits: false, blocking: inTheWay });
		expect(fitOf(state, job, movedTo(job, maria.id, 14 * 60 + 30, DATE, ZONE))).toEqual({ fits: true }); // back to back
		expect(fitOf(state, job, movedTo(job, maria.id, 16 * 60, DATE, ZONE))).toEqual({ fits: true });
		expect(fitOf(state, job, { ...placementOf(inTheWay), technicianId: null })).toEqual({ fits: true });
		expect(fitOf(state, job, resizedBy(job, 2))).toEqual({ fits: true }); // its own window is no obstacle
	});

	it("tells a target in the technician's time off or outside their hours, and a technician with no hours at all", () => {
		const job = workOrder({ technician: devon, windowStart: at('09:00'), windowEnd: at('10:00') });
		const dentist = { kind: 'TIME_OFF' as const, reason: 'Dentist', windowStart: at('12:00'), windowEnd: at('15:00') };
		const evening = { kind: 'OUTSIDE_WORKING_HOURS' as const, reason: null, windowStart: at('17:00'), windowEnd: at('00:00', '2026-11-28') };
		const state = { ...schedule([job]), availability: { [maria.id]: { hasWorkingHours: true, unavailable: [dentist, evening] }, [devon.id]: { hasWorkingHours: false, unavailable: [] } } };
		const fit = fitOf(state, job, movedTo(job, maria.id, 14 * 60 + 30, DATE, ZONE));
		expect(fit).toEqual({ fits: false, unavailable: dentist });
		expect(verdictOf(fit)).toBe('Time off: Dentist');
		expect(verdictOf(fitOf(state, job, movedTo(job, maria.id, 16 * 60 + 30, DATE, ZONE)))).toBe('Outside working hours');
		expect(fitOf(state, job, movedTo(job, maria.id, 15 * 60, DATE, ZONE))).toEqual({ fits: true }); // right after the time off
		expect(verdictOf(fitOf(state, job, resizedBy(job, 1)))).toBe('Outside working hours'); // Devon has no hours
	});
});

describe('the week', () => {
	it('starts on Monday', () => {
		expect(mondayOf('2026-11-27')).toBe('2026-11-23'); // a Friday
		expect(mondayOf('2026-11-23')).toBe('2026-11-23');
		expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
	});

	it('counts booked minutes per day in the zone, splitting a job across midnight, ignoring canceled jobs, across the fall-back day', () => {
		// Chicago falls back on Sunday 2026-11-01: that day has 25 hours.
		const late = workOrder({ technician: maria, windowStart: new Date('2026-10-31T23:00:00-05:00').toISOString(), windowEnd: new Date('2026-11-01T01:00:00-05:00').toISOString() });
		const sunday = workOrder({ technician: maria, windowStart: new Date('2026-11-01T09:00:00-06:00').toISOString(), windowEnd: new Date('2026-11-01T10:30:00-06:00').toISOString() });
		const canceled = workOrder({ technician: maria, status: 'CANCELED', windowStart: new Date('2026-11-01T12:00:00-06:00').toISOString(), windowEnd: new Date('2026-11-01T13:00:00-06:00').toISOString() });
		const day = (workOrders: ScheduleWorkOrder[]) => ({ lastSeq: '5', technicians: [{ technician: maria, workOrders }], unassigned: [] });
		const { schedule: week, after } = weekScheduleFrom([day([late]), day([late, sunday, canceled])], '2026-10-26', ZONE);
		expect(after).toBe('5');
		expect(week.workOrders).toHaveLength(3); // the job over midnight once
		const [saturday, sundayCell] = weekRow(week, maria.id, ['2026-10-31', '2026-11-01']);
		expect(saturday!.bookedMinutes).toBe(60);
		expect(sundayCell!.bookedMinutes).toBe(60 + 90);
		expect(sundayCell!.workOrders).toHaveLength(3);
		expect(bookedShare(sundayCell!.bookedMinutes)).toBe(31);
	});

	it("counts a technician's working minutes per day less time off, none without hours, unknown when not readable", () => {
		const column = (unavailable: { windowStart: string; windowEnd: string }[] | null, hasWorkingHours = true) => ({
			date: DATE,
			lastSeq: '1',
			technicians: [{ technician: maria, workOrders: [], hasWorkingHours, unavailable }],
			unassigned: []
		});
		// 07:00–19:00 working (off before and after), less 12:00–15:00 off: 9 hours.
		const working = [
			{ windowStart: at('00:00'), windowEnd: at('07:00') },
			{ windowStart: at('12:00'), windowEnd: at('15:00') },
			{ windowStart: at('19:00'), windowEnd: at('00:00', '2026-11-28') }
		];
		expect(weekScheduleFrom([column(working)], '2026-11-23', ZONE).workingMinutes[maria.id]![DATE]).toBe(9 * 60);
		expect(weekScheduleFrom([column([], false)], '2026-11-23', ZONE).workingMinutes[maria.id]![DATE]).toBe(0);
		expect(weekScheduleFrom([column(null)], '2026-11-23', ZONE).workingMinutes[maria.id]![DATE]).toBeNull();
		expect(bookedShare(270, 9 * 60)).toBe(50);
		expect(bookedShare(30, 0)).toBeNull();
		expect(bookedShare(240, null)).toBe(50); // the default 8-hour day
	});

	it('follows from the earliest event any of its days reflects', () => {
		const day = (lastSeq: string) => ({ lastSeq, technicians: [], unassigned: [] });
		expect(weekScheduleFrom([day('12'), day('9'), day('30')], '2026-11-23', ZONE).after).toBe('9');
	});
});
