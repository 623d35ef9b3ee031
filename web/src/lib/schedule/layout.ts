// Relative imports (not $lib) so these rules run in plain vitest as well as in SvelteKit.
import { dateIn, minutesIntoDay } from '../format';
import type { Availability, Schedule, ScheduleWorkOrder } from './schedule';

/** The working day the axis shows when no job falls outside it. */
export const WORKING_DAY = { firstHour: 7, lastHour: 19 };

export interface Axis {
	firstHour: number;
	lastHour: number;
}

export interface PlacedBlock {
	workOrder: ScheduleWorkOrder;
	/** Minutes from the axis's first hour to the window's start, and the window's length on this day. */
	top: number;
	height: number;
	/** Jobs of the same kind whose windows overlap share the column side by side. */
	lane: number;
	lanes: number;
	/**
	 * `strip`: a canceled or no-show job under an active one, drawn as a thin strip at the column's edge so
	 * it takes no room from the job that replaced it; `beside-strip`: an active job with such a strip next to it.
	 */
	place: 'lane' | 'strip' | 'beside-strip';
}

interface Span {
	workOrder: ScheduleWorkOrder;
	start: number;
	end: number;
}

/** How tall an hour of the day board is drawn. */
export const HOUR_PX = 84;

/** A canceled or no-show job no longer holds its technician's time (the API's overlap rule says the same). */
export const holdsTime = (workOrder: ScheduleWorkOrder) => workOrder.status !== 'CANCELED' && workOrder.status !== 'NO_SHOW';

const overlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Minutes since midnight of the board's day for an instant; an instant on the day before is 0, on the day after 24 h. */
export function minutesOnDay(instant: string, date: string, timeZone: string): number {
	const day = dateIn(instant, timeZone);
	if (day < date) return 0;
	if (day > date) return 24 * 60;
	return minutesIntoDay(instant, timeZone);
}

/**
 * The hours of the time axis: the working day, widened to whole hours around the technicians' working hours
 * and around any job outside them, so that every time a dispatcher may book is on the board.
 */
export function axisOf(schedule: Schedule): Axis {
	const { date, timeZone } = schedule;
	let { firstHour, lastHour } = WORKING_DAY;
	const widen = (start: number, end: number) => {
		firstHour = Math.min(firstHour, Math.floor(start / 60));
		lastHour = Math.max(lastHour, Math.ceil(end / 60));
	};
	for (const workOrder of schedule.workOrders) widen(minutesOnDay(workOrder.windowStart, date, timeZone), minutesOnDay(workOrder.windowEnd, date, timeZone));
	for (const availability of Object.values(schedule.availability ?? {})) {
		const working = workingSpanOf(availability, date, timeZone);
		if (working) widen(working.start, working.end);
	}
	return { firstHour, lastHour: Math.max(lastHour, firstHour + 1) };
}

/** From the first to the last minute of the day a technician works (outside their working hours is shaded), or null. */
function workingSpanOf(availability: Availability, date: string, timeZone: string): { start: number; end: number } | null {
	if (!availability.hasWorkingHours || !availability.unavailable) return null;
	const outside = availability.unavailable
		.filter((interval) => interval.kind === 'OUTSIDE_WORKING_HOURS')
		.map((interval) => ({ start: minutesOnDay(interval.windowStart, date, timeZone), end: minutesOnDay(interval.windowEnd, date, timeZone) }))
		.sort((a, b) => a.start - b.start);
	let start = 0;
	for (const interval of outside) if (interval.start <= start) start = Math.max(start, interval.end);
	let end = 24 * 60;
	for (const interval of [...outside].reverse()) if (interval.end >= end) end = Math.min(end, interval.start);
	return start < end ? { start, end } : null;
}

/** Where each job of one column goes on the axis: active jobs in lanes of their own, the jobs they replaced beside them. */
export function placeBlocks(workOrders: ScheduleWorkOrder[], date: string, timeZone: string, axis: Axis): PlacedBlock[] {
	const spans = workOrders
		.map((workOrder): Span => {
			const start = minutesOnDay(workOrder.windowStart, date, timeZone);
			const end = Math.max(start + 1, minutesOnDay(workOrder.windowEnd, date, timeZone));
			return { workOrder, start, end };
		})
		.sort((a, b) => a.start - b.start || a.end - b.end);
	const active = spans.filter((span) => holdsTime(span.workOrder));
	const inactive = spans.filter((span) => !holdsTime(span.workOrder));
	const underActive = inactive.filter((span) => active.some((job) => overlap(job, span)));
	const onTheirOwn = inactive.filter((span) => !underActive.includes(span));

	const toBlock = (span: Span, lane: number, lanes: number, place: PlacedBlock['place']): PlacedBlock => ({
		workOrder: span.workOrder,
		top: span.start - axis.firstHour * 60,
		height: span.end - span.start,
		lane,
		lanes,
		place
	});
	return [
		...inLanes(active).map(({ span, lane, lanes }) => toBlock(span, lane, lanes, underActive.some((strip) => overlap(strip, span)) ? 'beside-strip' : 'lane')),
		...inLanes(onTheirOwn).map(({ span, lane, lanes }) => toBlock(span, lane, lanes, 'lane')),
		...underActive.map((span) => toBlock(span, 0, 1, 'strip'))
	].sort((a, b) => a.top - b.top);
}

/** Overlapping spans (sorted by start) side by side: each takes the first lane free at its start. */
function inLanes(spans: Span[]): { span: Span; lane: number; lanes: number }[] {
	const placed: { span: Span; lane: number; lanes: number }[] = [];
	let cluster: { span: Span; lane: number; lanes: number }[] = [];
	let laneEnds: number[] = [];
	let clusterEnd = -1;
	const closeCluster = () => {
		for (const item of cluster) item.lanes = laneEnds.length;
		cluster = [];
		laneEnds = [];
	};
	for (const span of spans) {
		if (span.start >= clusterEnd) closeCluster();
		let lane = laneEnds.findIndex((laneEnd) => laneEnd <= span.start);
		if (lane === -1) lane = laneEnds.push(span.end) - 1;
		else laneEnds[lane] = span.end;
		const item = { span, lane, lanes: 1 };
		cluster.push(item);
		placed.push(item);
		clusterEnd = Math.max(clusterEnd, span.end);
	}
	closeCluster();
	return placed;
}
