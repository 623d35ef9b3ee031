import { DateTime } from 'luxon';

export interface Window {
  windowStart: Date;
  windowEnd: Date;
}

/** A calendar date "YYYY-MM-DD" is the day from its midnight to the next midnight in the zone. */
export function dayRange(date: string, timeZone: string): Window {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!start.isValid) throw new RangeError(`Not a date: ${date}`);
  return { windowStart: start.toJSDate(), windowEnd: start.plus({ days: 1 }).toJSDate() };
}

/** The calendar date ("YYYY-MM-DD") an instant falls on in the zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/** The instant of a local date and wall-clock time ("HH:mm") in the zone. */
export function atLocalTime(date: string, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toJSDate();
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate()!;
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

/** Half-open windows [start, end): back-to-back windows do not overlap. */
export function windowsOverlap(a: Window, b: Window): boolean {
  return a.windowStart < b.windowEnd && b.windowStart < a.windowEnd;
}

/** A work order's window may not be longer than this, so a day's jobs start at most this long before it. */
export const MAX_WINDOW_MINUTES = 24 * 60;

/** The bounds on windowStart that find every window touching the day, with an index range scan. */
export function windowStartBoundsForDay(day: Window): { gt: Date; lt: Date } {
  return { gt: addMinutes(day.windowStart, -MAX_WINDOW_MINUTES), lt: day.windowEnd };
}
