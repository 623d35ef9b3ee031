// Relative imports (not $lib) so these rules run in plain vitest as well as in SvelteKit.
import { clockOf, instantOf } from '../format';
import type { Schedule, ScheduleWorkOrder, Unavailable } from './schedule';
import { HOUR_PX, holdsTime, minutesOnDay, type Axis } from './layout';

/** The board's snap step: a drag, an arrow key or a resize moves a job by this much. */
export const SNAP_MINUTES = 15;

/** Where a job would go: a technician (null: Unassigned) and a window. */
export interface Placement {
	technicianId: string | null;
	windowStart: string;
	windowEnd: string;
}

/** A move being proposed on the board, by pointer or keyboard: the job as it was when it was picked up, and where it would go. */
export interface Proposal {
	workOrder: ScheduleWorkOrder;
	/** `move` keeps the window's length; `resize` changes its end. */
	mode: 'move' | 'resize';
	target: Placement | null;
}

/** What the board knows of a target before the API is asked: free, the job in the way, or time the technician does not work. */
export type Fit = { fits: true } | { fits: false; blocking: ScheduleWorkOrder } | { fits: false; unavailable: Unavailable };

export const placementOf = (workOrder: ScheduleWorkOrder): Placement => ({
	technicianId: workOrder.technician?.id ?? null,
	windowStart: workOrder.windowStart,
	windowEnd: workOrder.windowEnd
});

export function isSamePlacement(a: Placement, b: Placement): boolean {
	return a.technicianId === b.technicianId && Date.parse(a.windowStart) === Date.parse(b.windowStart) && Date.parse(a.windowEnd) === Date.parse(b.windowEnd);
}

const snapped = (minutes: number) => Math.round(minutes / SNAP_MINUTES) * SNAP_MINUTES;
const lengthOf = (placement: { windowStart: string; windowEnd: string }) => Date.parse(placement.windowEnd) - Date.parse(placement.windowStart);

/** Minutes into the board's day of a point `offsetPx` below the top of a column's body, snapped and kept on the axis. */
export function minutesAtOffset(offsetPx: number, axis: Axis): number {
	const minutes = snapped(axis.firstHour * 60 + (offsetPx * 60) / HOUR_PX);
	return Math.min(Math.max(minutes, axis.firstHour * 60), axis.lastHour * 60 - SNAP_MINUTES);
}

/** The job moved to a technician and a start (minutes into the board's day), keeping its length. */
export function movedTo(workOrder: ScheduleWorkOrder, technicianId: string | null, startMinutes: number, date: string, timeZone: string): Placement {
	const windowStart = instantOf(date, clockOf(startMinutes), timeZone);
	return { technicianId, windowStart, windowEnd: new Date(Date.parse(windowStart) + lengthOf(workOrder)).toISOString() };
}

/** The job's end moved by whole snap steps, never to less than one step after its start. */
export function resizedBy(workOrder: ScheduleWorkOrder, steps: number): Placement {
	const length = Math.max(SNAP_MINUTES * 60_000, lengthOf(workOrder) + steps * SNAP_MINUTES * 60_000);
	return { ...placementOf(workOrder), windowEnd: new Date(Date.parse(workOrder.windowStart) + length).toISOString() };
}

/** How many snap steps a vertical drag of `offsetPx` is. */
export const stepsOf = (offsetPx: number) => Math.round((offsetPx * 60) / HOUR_PX / SNAP_MINUTES);

/**
 * Whether the target is free of the technician's other jobs (a canceled or no-show job holds no time) and inside
 * their working hours, out of their time off, as far as the board's day shows them.
 */
export function fitOf(schedule: Schedule, workOrder: ScheduleWorkOrder, target: Placement): Fit {
	if (!target.technicianId) return { fits: true };
	const [start, end] = [Date.parse(target.windowStart), Date.parse(target.windowEnd)];
	const availability = schedule.availability?.[target.technicianId];
	if (availability && !availability.hasWorkingHours) return { fits: false, unavailable: { kind: 'OUTSIDE_WORKING_HOURS', windowStart: schedule.windowStart, windowEnd: schedule.windowEnd } };
	const off = availability?.unavailable?.find((interval) => Date.parse(interval.windowStart) < end && Date.parse(interval.windowEnd) > start);
	if (off) return { fits: false, unavailable: off };
	const blocking = schedule.workOrders.find(
		(other) =>
			other.id !== workOrder.id &&
			other.technician?.id === target.technicianId &&
			holdsTime(other) &&
			Date.parse(other.windowStart) < end &&
			Date.parse(other.windowEnd) > start
	);
	return blocking ? { fits: false, blocking } : { fits: true };
}

/** "Overlaps WO-1040", "Outside working hours", "Time off: Dentist appointment". */
export function verdictOf(fit: Fit): string {
	if (fit.fits) return 'Fits';
	if ('blocking' in fit) return `Overlaps ${fit.blocking.label}`;
	return fit.unavailable.kind === 'TIME_OFF' ? `Time off${fit.unavailable.reason ? `: ${fit.unavailable.reason}` : ''}` : 'Outside working hours';
}

export type ArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/**
 * A keyboard step from the current target: up and down move the start by one snap step (with `resize`, the
 * end), left and right to the neighbouring technician in board order, Unassigned before the first.
 */
export function nudged(
	proposal: Proposal & { target: Placement },
	key: ArrowKey,
	technicianIds: string[],
	date: string,
	timeZone: string,
	axis: Axis
): Placement {
	const { workOrder, mode, target } = proposal;
	if (mode === 'resize') {
		const steps = Math.round((lengthOf(target) - lengthOf(workOrder)) / (SNAP_MINUTES * 60_000)) + (key === 'ArrowDown' ? 1 : key === 'ArrowUp' ? -1 : 0);
		return resizedBy(workOrder, steps);
	}
	if (key === 'ArrowLeft' || key === 'ArrowRight') {
		const lanes: (string | null)[] = [null, ...technicianIds];
		const index = Math.min(Math.max(lanes.indexOf(target.technicianId) + (key === 'ArrowRight' ? 1 : -1), 0), lanes.length - 1);
		return { ...target, technicianId: lanes[index] ?? null };
	}
	const start = snapped(minutesOnDay(target.windowStart, date, timeZone)) + (key === 'ArrowDown' ? SNAP_MINUTES : -SNAP_MINUTES);
	const kept = Math.min(Math.max(start, axis.firstHour * 60), axis.lastHour * 60 - SNAP_MINUTES);
	return movedTo(workOrder, target.technicianId, kept, date, timeZone);
}
