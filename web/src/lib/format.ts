import { BUSINESS_YEARS, isBusinessDate } from '$domain/ranges';
/** Display names of the statuses (the API's WorkOrderStatus values), as the spec page writes them. */
export const STATUS_LABEL = {
	SCHEDULED: 'Scheduled',
	EN_ROUTE: 'En route',
	ON_SITE: 'On site',
	IN_PROGRESS: 'In progress',
	COMPLETED: 'Completed',
	CANCELED: 'Canceled',
	NO_SHOW: 'No-show'
} as const;

// Making an Intl formatter with a time zone costs far more than formatting with one, and a day board formats
// thousands of instants: each formatter is made once per locale and options.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale} ${JSON.stringify(options)}`;
	let format = dateFormats.get(key);
	if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
	return format;
}

/** Wall-clock time of an instant in the organization's zone, e.g. "9:30 AM". */
export function timeIn(instant: string | Date, timeZone: string): string {
	return dateFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

/** Calendar date "YYYY-MM-DD" of an instant in the zone. */
export function dateIn(instant: string | Date, timeZone: string): string {
	return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/**
 * Whether a text is a real "YYYY-MM-DD" date of the years the product plans in: a date box typed digit by digit
 * holds 0002-12-15, then 0020-…, then 0202-… before the year is whole, and none of those is one.
 */
export function isDate(value: string | null): value is string {
	return !!value && isBusinessDate(value);
}

/** The first and last day a date box offers, as its `min` and `max`. */
export const DATE_BOUNDS = { min: `${BUSINESS_YEARS.first}-01-01`, max: `${BUSINESS_YEARS.last}-12-31` } as const;

/** Today in the organization's zone. */
export function todayIn(timeZone: string): string {
	return dateIn(new Date(), timeZone);
}

/** Minutes since local midnight of an instant in the zone (for placing blocks on the day grid). */
export function minutesIntoDay(instant: string | Date, timeZone: string): number {
	const parts = dateFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
	const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	return value('hour') * 60 + value('minute');
}

/** A long date for headings, e.g. "Friday, November 27". */
export function longDate(date: string): string {
	return dateFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** Shifts a "YYYY-MM-DD" date by whole days. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/**
 * How far the zone's wall clock is ahead of UTC at an instant, in minutes (780 for Auckland in summer, -360 for
 * Chicago in winter). Read from the full local date and time, so an offset of 12 hours or more is not taken for
 * one of the other sign.
 */
function offsetAt(instant: number, timeZone: string): number {
	const parts = dateFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
	const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'));
	return Math.round((wall - (instant - (instant % 60_000))) / 60_000);
}

/** The instant of a local date and time ("HH:mm") in the zone, as an ISO string. */
export function instantOf(date: string, time: string, timeZone: string): string {
	const wall = Date.parse(`${date}T${time}:00Z`);
	const guess = wall - offsetAt(wall, timeZone) * 60_000;
	// Across a DST change the offset at the result may differ from the guess's: correct once.
	return new Date(wall - offsetAt(guess, timeZone) * 60_000).toISOString();
}

/** A time window in the zone, e.g. "9:30 AM – 10:30 AM". */
export function timeWindow(start: string | Date, end: string | Date, timeZone: string): string {
	return `${timeIn(start, timeZone)} – ${timeIn(end, timeZone)}`;
}

/** A short date and time in the zone, e.g. "Nov 27, 9:30 AM". */
export function dateTimeIn(instant: string | Date, timeZone: string): string {
	return dateFormat('en-US', { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

/** A short date for a "YYYY-MM-DD" day, e.g. "Fri, Nov 27". */
export function shortDate(date: string): string {
	return dateFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** "45 min", "1 h", "1 h 30 min". */
export function duration(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (!hours) return `${rest} min`;
	return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** The button that moves a work order to a status, as the technician reads it. */
export const STATUS_ACTION = {
	SCHEDULED: 'Back to scheduled',
	EN_ROUTE: 'Start driving',
	ON_SITE: 'Arrived',
	IN_PROGRESS: 'Start work',
	COMPLETED: 'Complete',
	CANCELED: 'Cancel job',
	NO_SHOW: 'Customer not here'
} as const;

/** The typed field errors of a ValidationError by input field ("input.name" → "name"), first message per field. */
export function errorsByField(fieldErrors: readonly { path: readonly string[]; message: string }[]): Record<string, string> {
	const byField: Record<string, string> = {};
	for (const { path, message } of fieldErrors) {
		const field = path.filter((segment) => segment !== 'input').join('.') || '_';
		byField[field] ??= message;
	}
	return byField;
}

/** Wall-clock time of an instant in the zone as "HH:mm" (24 h), the value of an <input type="time">. */
export function clockIn(instant: string | Date, timeZone: string): string {
	const minutes = minutesIntoDay(instant, timeZone);
	return clockOf(minutes);
}

/** "HH:mm" of minutes since midnight, wrapping past midnight. */
export function clockOf(minutes: number): string {
	const wrapped = ((Math.round(minutes) % 1440) + 1440) % 1440;
	return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/** Minutes since midnight of an "HH:mm" clock time, or null when it is not one. */
export function minutesOfClock(clock: string): number | null {
	const match = /^(\d{2}):(\d{2})$/.exec(clock);
	return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** An hour of the day for a time axis, e.g. 7 → "7 AM", 13 → "1 PM". */
export function hourLabel(hour: number): string {
	return dateFormat('en-US', { hour: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, hour % 24));
}
