import { addDays, clockOf, dateIn, minutesIntoDay } from '../format';

/** The working day time off is first offered for, as clock times ("09:00"–"17:00"). */
const DAY_START = 9 * 60;
const DAY_END = 17 * 60;
/** Time off offered for the rest of today starts at the next half hour. */
const STEP = 30;

/** What the time-off form holds: dates and clock times in the organization's zone. */
export interface TimeOffSlot {
	startDate: string;
	startTime: string;
	endDate: string;
	endTime: string;
}

/**
 * The time off the form offers first: today 9–5 before the day starts, the rest of it (from the next half
 * hour) while it lasts, and tomorrow 9–5 once it is over, so that it never offers time already past.
 */
export function nextTimeOffSlot(now: Date, timeZone: string): TimeOffSlot {
	const today = dateIn(now, timeZone);
	const start = Math.max(DAY_START, Math.ceil(minutesIntoDay(now, timeZone) / STEP) * STEP);
	const day = start < DAY_END ? today : addDays(today, 1);
	return { startDate: day, startTime: clockOf(day === today ? start : DAY_START), endDate: day, endTime: clockOf(DAY_END) };
}
