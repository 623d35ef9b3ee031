// Relative imports (not $lib) so these rules run in plain vitest as well as in SvelteKit.
import type { ScheduleWorkOrderFragment } from '$lib/gql/graphql';
import { withLatest } from '../follow-changes';

export type ScheduleWorkOrder = ScheduleWorkOrderFragment;
export type ScheduleTechnician = NonNullable<ScheduleWorkOrder['technician']>;

/** Time of a technician's day that cannot be booked without an override (the API's schedule shading). */
export interface Unavailable {
	kind: 'OUTSIDE_WORKING_HOURS' | 'TIME_OFF';
	/** The time off's reason; none outside working hours. */
	reason?: string | null;
	windowStart: string;
	windowEnd: string;
}

/** When a technician can be booked on the board's day; `unavailable` is null when the caller may not read it. */
export interface Availability {
	hasWorkingHours: boolean;
	unavailable: Unavailable[] | null;
}

/** One day of the schedule as the board shows it: the technicians' columns and every job touching the day. */
export interface Schedule {
	date: string;
	timeZone: string;
	/** The day's first instant and the next day's first instant. */
	windowStart: string;
	windowEnd: string;
	technicians: ScheduleTechnician[];
	workOrders: ScheduleWorkOrder[];
	/** By technician id, for the technicians of the loaded day. */
	availability?: Record<string, Availability>;
}

export interface Column {
	technician: ScheduleTechnician;
	workOrders: ScheduleWorkOrder[];
}

interface LoadedSchedule {
	date: string;
	timeZone: string;
	windowStart: string;
	windowEnd: string;
	/** The latest event when the day was read (the API reads it before the rows). */
	lastSeq: string;
	technicians: { technician: ScheduleTechnician; workOrders: ScheduleWorkOrder[]; hasWorkingHours?: boolean; unavailable?: Unavailable[] | null }[];
	unassigned: ScheduleWorkOrder[];
}

/**
 * The schedule of a loaded day, and the last event it reflects: subscribing after that seq replays whatever
 * changed between the query and the subscription, so nothing is missed.
 */
export function scheduleFrom(loaded: LoadedSchedule): { schedule: Schedule; after: string | null } {
	const workOrders = [...loaded.technicians.flatMap((column) => column.workOrders), ...loaded.unassigned];
	return {
		schedule: {
			date: loaded.date,
			timeZone: loaded.timeZone,
			windowStart: loaded.windowStart,
			windowEnd: loaded.windowEnd,
			technicians: loaded.technicians.map((column) => column.technician),
			workOrders,
			availability: Object.fromEntries(
				loaded.technicians.map((column) => [column.technician.id, { hasWorkingHours: column.hasWorkingHours ?? true, unavailable: column.unavailable ?? null }])
			)
		},
		after: loaded.lastSeq
	};
}

function touchesDay(schedule: Schedule, workOrder: ScheduleWorkOrder): boolean {
	return Date.parse(workOrder.windowStart) < Date.parse(schedule.windowEnd) && Date.parse(workOrder.windowEnd) > Date.parse(schedule.windowStart);
}

/** The work order as it is now, put on the board: added, updated or moved, or taken off when it left the day. */
export function placeOnSchedule(schedule: Schedule, workOrder: ScheduleWorkOrder): Schedule {
	const workOrders = withLatest(schedule.workOrders, workOrder, (candidate) => touchesDay(schedule, candidate));
	return workOrders === schedule.workOrders ? schedule : { ...schedule, workOrders };
}

export function removeFromSchedule(schedule: Schedule, workOrderId: string): Schedule {
	return { ...schedule, workOrders: schedule.workOrders.filter((existing) => existing.id !== workOrderId) };
}

/** A `scheduleChanged` message applied to the board; a null work order is one the viewer may no longer see. */
export function applyChange(schedule: Schedule, change: { event: { workOrderId: string }; workOrder: ScheduleWorkOrder | null }): Schedule {
	return change.workOrder ? placeOnSchedule(schedule, change.workOrder) : removeFromSchedule(schedule, change.event.workOrderId);
}

const byStart = (a: ScheduleWorkOrder, b: ScheduleWorkOrder) => Date.parse(a.windowStart) - Date.parse(b.windowStart) || a.label.localeCompare(b.label);

/** One column per technician of the day, plus one for a technician a job was just moved to, in name order. */
export function columnsOf(schedule: Schedule): Column[] {
	const technicians = new Map(schedule.technicians.map((technician) => [technician.id, technician]));
	for (const workOrder of schedule.workOrders) {
		if (workOrder.technician && !technicians.has(workOrder.technician.id)) technicians.set(workOrder.technician.id, workOrder.technician);
	}
	return [...technicians.values()]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((technician) => ({
			technician,
			workOrders: schedule.workOrders.filter((workOrder) => workOrder.technician?.id === technician.id).sort(byStart)
		}));
}

export function unassignedOf(schedule: Schedule): ScheduleWorkOrder[] {
	return schedule.workOrders.filter((workOrder) => !workOrder.technician).sort(byStart);
}
