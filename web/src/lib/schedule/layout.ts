// Relative imports (not $lib) so these rules run in plain vitest as well as in SvelteKit.
import { dateIn, minutesIntoDay } from '../format';
import type { BoardWorkOrder } from './board';

/** The working day the axis shows when no job falls outside it. */
export const WORKING_DAY = { firstHour: 7, lastHour: 19 };

export interface Axis {
	firstHour: number;
	lastHour: number;
}

export interface PlacedBlock {
	workOrder: BoardWorkOrder;
	/** Minutes from the axis's first hour to the window's start, and the window's length on this day. */
	top: number;
	height: number;
	/** Jobs whose windows overlap (a canceled job and its replacement) share the column side by side. */
	lane: number;
	lanes: number;
}

/** Minutes since midnight of the board's day for an instant; an instant on the day before is 0, on the day after 24 h. */
export function minutesOnDay(instant: string, date: string, timeZone: string): number {
	const day = dateIn(instant, timeZone);
	if (day < date) return 0;
	if (day > date) return 24 * 60;
	return minutesIntoDay(instant, timeZone);
}

/** The hours of the time axis: the working day, widened to whole hours around any job outside it. */
export function axisOf(workOrders: BoardWorkOrder[], date: string, timeZone: string): Axis {
	let { firstHour, lastHour } = WORKING_DAY;
	for (const workOrder of workOrders) {
		firstHour = Math.min(firstHour, Math.floor(minutesOnDay(workOrder.windowStart, date, timeZone) / 60));
		lastHour = Math.max(lastHour, Math.ceil(minutesOnDay(workOrder.windowEnd, date, timeZone) / 60));
	}
	return { firstHour, lastHour: Math.max(lastHour, firstHour + 1) };
}

/** Where each job of one column goes on the axis. */
export function placeBlocks(workOrders: BoardWorkOrder[], date: string, timeZone: string, axis: Axis): PlacedBlock[] {
	const items = workOrders
		.map((workOrder) => {
			const start = minutesOnDay(workOrder.windowStart, date, timeZone);
			const end = Math.max(start + 1, minutesOnDay(workOrder.windowEnd, date, timeZone));
			return { workOrder, start, end };
		})
		.sort((a, b) => a.start - b.start || a.end - b.end);

	const placed: PlacedBlock[] = [];
	let cluster: PlacedBlock[] = [];
	let laneEnds: number[] = [];
	let clusterEnd = -1;
	const closeCluster = () => {
		for (const block of cluster) block.lanes = laneEnds.length;
		cluster = [];
		laneEnds = [];
	};
	for (const { workOrder, start, end } of items) {
		if (start >= clusterEnd) closeCluster();
		let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
		if (lane === -1) lane = laneEnds.push(end) - 1;
		else laneEnds[lane] = end;
		const block: PlacedBlock = { workOrder, top: start - axis.firstHour * 60, height: end - start, lane, lanes: 1 };
		cluster.push(block);
		placed.push(block);
		clusterEnd = Math.max(clusterEnd, end);
	}
	closeCluster();
	return placed;
}
