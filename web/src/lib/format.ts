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

/** Wall-clock time of an instant in the organization's zone, e.g. "9:30 AM". */
export function timeIn(instant: string | Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

/** Calendar date "YYYY-MM-DD" of an instant in the zone. */
export function dateIn(instant: string | Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** Today in the organization's zone. */
export function todayIn(timeZone: string): string {
	return dateIn(new Date(), timeZone);
}

/** Minutes since local midnight of an instant in the zone (for placing blocks on the day grid). */
export function minutesIntoDay(instant: string | Date, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
	const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	return value('hour') * 60 + value('minute');
}

/** A long date for headings, e.g. "Friday, November 27". */
export function longDate(date: string): string {
	return new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** Shifts a "YYYY-MM-DD" date by whole days. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The instant of a local date and time ("HH:mm") in the zone, as an ISO string. */
export function instantOf(date: string, time: string, timeZone: string): string {
	const guess = new Date(`${date}T${time}:00Z`);
	const offsetMinutes = minutesIntoDay(guess, timeZone) - (guess.getUTCHours() * 60 + guess.getUTCMinutes());
	const wrapped = ((offsetMinutes + 720 + 1440) % 1440) - 720;
	const instant = new Date(guess.getTime() - wrapped * 60_000);
	// Across a DST change the offset at the result may differ from the guess's: correct once.
	const again = minutesIntoDay(instant, timeZone) - (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));
	const fix = ((again + 720 + 1440) % 1440) - 720;
	return new Date(instant.getTime() - fix * 60_000).toISOString();
}

export function money(amountMinor: number, currency: string): string {
	const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
	return format.format(amountMinor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
