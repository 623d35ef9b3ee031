// Relative imports (not $lib) so these rules run in plain vitest as well as in SvelteKit.
import type { BoardWorkOrderFragment } from '$lib/gql/graphql';
import { withLatest } from '../follow-changes';

export type BoardWorkOrder = BoardWorkOrderFragment;
export type BoardTechnician = NonNullable<BoardWorkOrder['technician']>;

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
export interface Board {
	date: string;
	timeZone: string;
	/** The day's first instant and the next day's first instant. */
	windowStart: string;
	windowEnd: string;
	technicians: BoardTechnician[];
	workOrders: BoardWorkOrder[];
	/** By technician id, for the technicians of the loaded day. */
	availability?: Record<string, Availability>;
}

export interface Column {
	technician: BoardTechnician;
	workOrders: BoardWorkOrder[];
}

interface LoadedSchedule {
	date: string;
	timeZone: string;
	windowStart: string;
	windowEnd: string;
	/** The latest event when the day was read (the API reads it before the rows). */
	lastSeq: string;
	technicians: { technician: BoardTechnician; workOrders: BoardWorkOrder[]; hasWorkingHours?: boolean; unavailable?: Unavailable[] | null }[];
	unassigned: BoardWorkOrder[];
}

/**
 * The board of a loaded day, and the last event it reflects: subscribing after that seq replays whatever
 * changed between the query and the subscription, so nothing is missed.
 */
export function boardFrom(schedule: LoadedSchedule): { board: Board; after: string | null } {
	const loaded = [...schedule.technicians.flatMap((column) => column.workOrders), ...schedule.unassigned];
	return {
		board: {
			date: schedule.date,
			timeZone: schedule.timeZone,
			windowStart: schedule.windowStart,
			windowEnd: schedule.windowEnd,
			technicians: schedule.technicians.map((column) => column.technician),
			workOrders: loaded,
			availability: Object.fromEntries(
				schedule.technicians.map((column) => [column.technician.id, { hasWorkingHours: column.hasWorkingHours ?? true, unavailable: column.unavailable ?? null }])
			)
		},
		after: schedule.lastSeq
	};
}

function touchesDay(board: Board, workOrder: BoardWorkOrder): boolean {
	return Date.parse(workOrder.windowStart) < Date.parse(board.windowEnd) && Date.parse(workOrder.windowEnd) > Date.parse(board.windowStart);
}

/** The work order as it is now, put on the board: added, updated or moved, or taken off when it left the day. */
export function placeOnBoard(board: Board, workOrder: BoardWorkOrder): Board {
	const workOrders = withLatest(board.workOrders, workOrder, (candidate) => touchesDay(board, candidate));
	return workOrders === board.workOrders ? board : { ...board, workOrders };
}

export function removeFromBoard(board: Board, workOrderId: string): Board {
	return { ...board, workOrders: board.workOrders.filter((existing) => existing.id !== workOrderId) };
}

/** A `scheduleChanged` message applied to the board; a null work order is one the viewer may no longer see. */
export function applyChange(board: Board, change: { event: { workOrderId: string }; workOrder: BoardWorkOrder | null }): Board {
	return change.workOrder ? placeOnBoard(board, change.workOrder) : removeFromBoard(board, change.event.workOrderId);
}

const byStart = (a: BoardWorkOrder, b: BoardWorkOrder) => Date.parse(a.windowStart) - Date.parse(b.windowStart) || a.label.localeCompare(b.label);

/** One column per technician of the day, plus one for a technician a job was just moved to, in name order. */
export function columnsOf(board: Board): Column[] {
	const technicians = new Map(board.technicians.map((technician) => [technician.id, technician]));
	for (const workOrder of board.workOrders) {
		if (workOrder.technician && !technicians.has(workOrder.technician.id)) technicians.set(workOrder.technician.id, workOrder.technician);
	}
	return [...technicians.values()]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((technician) => ({
			technician,
			workOrders: board.workOrders.filter((workOrder) => workOrder.technician?.id === technician.id).sort(byStart)
		}));
}

export function unassignedOf(board: Board): BoardWorkOrder[] {
	return board.workOrders.filter((workOrder) => !workOrder.technician).sort(byStart);
}
