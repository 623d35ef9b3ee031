// Relative imports (not $lib) so these rules run in plain vitest as well as in SvelteKit.
import { addDays, instantOf } from '../format';
import { withLatest } from '../follow-changes';
import type { Schedule, ScheduleTechnician, ScheduleWorkOrder } from './schedule';
import { holdsTime } from './layout';

/** What a technician's booked share is counted against when their hours cannot be read: a default day of 8 hours (the week view says so). */
export const DEFAULT_WORKING_MINUTES = 8 * 60;

/** The Monday of the week a day falls in (weeks start on Monday). */
export function mondayOf(date: string): string {
	const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
	return addDays(date, -((weekday + 6) % 7));
}

export const daysOf = (monday: string) => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/** One technician's day in the week: the jobs touching it, and the minutes they hold of it. */
export interface WeekCell {
	date: string;
	workOrders: ScheduleWorkOrder[];
	bookedMinutes: number;
	/** The technician's working minutes that day, less time off; null when not known (the default day counts). */
	workingMinutes: number | null;
}

const byStart = (a: ScheduleWorkOrder, b: ScheduleWorkOrder) => Date.parse(a.windowStart) - Date.parse(b.windowStart) || a.label.localeCompare(b.label);

/**
 * The cells of one row of the week (a technician, or null for Unassigned): each day's jobs, and the minutes of
 * that day (in the organization's zone) their windows hold; a canceled or no-show job holds none.
 */
export function weekRow(schedule: Schedule, technicianId: string | null, days: string[], workingMinutes: Record<string, number | null> = {}): WeekCell[] {
	const jobs = schedule.workOrders.filter((workOrder) => (workOrder.technician?.id ?? null) === technicianId).sort(byStart);
	return days.map((date) => {
		const [dayStart, dayEnd] = [Date.parse(instantOf(date, '00:00', schedule.timeZone)), Date.parse(instantOf(addDays(date, 1), '00:00', schedule.timeZone))];
		const workOrders = jobs.filter((workOrder) => Date.parse(workOrder.windowStart) < dayEnd && Date.parse(workOrder.windowEnd) > dayStart);
		const bookedMs = workOrders
			.filter(holdsTime)
			.reduce((sum, workOrder) => sum + Math.min(Date.parse(workOrder.windowEnd), dayEnd) - Math.max(Date.parse(workOrder.windowStart), dayStart), 0);
		return { date, workOrders, bookedMinutes: Math.round(bookedMs / 60_000), workingMinutes: workingMinutes[date] ?? null };
	});
}

/** The booked share of a day's working minutes, as a whole percentage (over 100 when overbooked); null on a day off. */
export function bookedShare(bookedMinutes: number, workingMinutes: number | null = DEFAULT_WORKING_MINUTES): number | null {
	const minutes = workingMinutes ?? DEFAULT_WORKING_MINUTES;
	return minutes > 0 ? Math.round((bookedMinutes / minutes) * 100) : null;
}

interface LoadedDay {
	date?: string;
	lastSeq: string;
	technicians: {
		technician: ScheduleTechnician;
		workOrders: ScheduleWorkOrder[];
		hasWorkingHours?: boolean;
		unavailable?: { windowStart: string; windowEnd: string }[] | null;
	}[];
	unassigned: ScheduleWorkOrder[];
}

/** The minutes of a day (in the zone) outside the intervals the technician cannot be booked in. */
function workingMinutesOf(date: string, timeZone: string, hasWorkingHours: boolean, unavailable: { windowStart: string; windowEnd: string }[]): number {
	if (!hasWorkingHours) return 0;
	const [dayStart, dayEnd] = [Date.parse(instantOf(date, '00:00', timeZone)), Date.parse(instantOf(addDays(date, 1), '00:00', timeZone))];
	const off = unavailable.reduce((sum, interval) => sum + Math.max(0, Math.min(Date.parse(interval.windowEnd), dayEnd) - Math.max(Date.parse(interval.windowStart), dayStart)), 0);
	return Math.round((dayEnd - dayStart - off) / 60_000);
}

/**
 * The week as one board (from Monday's first instant to the next Monday's, in the zone), and the event to
 * follow it from: the earliest any of its days reflects, so that nothing of the week is missed.
 */
export function weekScheduleFrom(
	days: LoadedDay[],
	monday: string,
	timeZone: string
): { schedule: Schedule; after: string; workingMinutes: Record<string, Record<string, number | null>> } {
	const technicians = new Map<string, ScheduleTechnician>();
	const workingMinutes: Record<string, Record<string, number | null>> = {};
	let workOrders: ScheduleWorkOrder[] = [];
	for (const day of days) {
		for (const column of day.technicians) {
			technicians.set(column.technician.id, column.technician);
			if (day.date) {
				const known = column.unavailable != null || column.hasWorkingHours === false;
				(workingMinutes[column.technician.id] ??= {})[day.date] = known ? workingMinutesOf(day.date, timeZone, column.hasWorkingHours ?? true, column.unavailable ?? []) : null;
			}
			for (const workOrder of column.workOrders) workOrders = withLatest(workOrders, workOrder);
		}
		for (const workOrder of day.unassigned) workOrders = withLatest(workOrders, workOrder);
	}
	const after = days.map((day) => BigInt(day.lastSeq)).reduce((a, b) => (b < a ? b : a));
	return {
		schedule: {
			date: monday,
			timeZone,
			windowStart: instantOf(monday, '00:00', timeZone),
			windowEnd: instantOf(addDays(monday, 7), '00:00', timeZone),
			technicians: [...technicians.values()],
			workOrders
		},
		after: after.toString(),
		workingMinutes
	};
}
