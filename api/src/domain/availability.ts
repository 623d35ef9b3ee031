import { DateTime, type WeekdayNumbers } from 'luxon';
import { tooLong } from './characters.js';
import type { FieldError } from './errors.js';
import type { TimeOffRange, Unavailability, WorkingHoursInterval } from './unavailability.js';
import { BUSINESS_RANGE_MESSAGE, isBusinessInstant } from './ranges.js';
import { addDays, dateInZone, type Window } from './time.js';

/**
 * When a technician can be booked: working hours are wall-clock intervals per weekday in the
 * organization's zone (several a day: a split shift, a lunch break), time off is a range of instants.
 * A technician with no working hours at all is never available (and the board flags them).
 */

export const MINUTES_PER_DAY = 24 * 60;
/** ISO weekdays, as luxon numbers them: 1 is Monday, 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const MAX_INTERVALS_PER_DAY = 4;
/** One time-off range may last at most this long (a year of leave is entered as one range). */
export const MAX_TIME_OFF_DAYS = 366;
/** How many time-off ranges that have not ended yet a technician may hold. */
export const MAX_UPCOMING_TIME_OFF = 100;
export const MAX_TIME_OFF_REASON_LENGTH = 200;
/** The longest span `Technician.timeOff(from, to)` reads at once. */
export const MAX_TIME_OFF_QUERY_DAYS = 400;

export interface Availability {
  workingHours: readonly WorkingHoursInterval[];
  timeOff: readonly TimeOffRange[];
}

const CLOCK = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** "08:30" is 510 minutes after midnight; "24:00" is the end of the day. Null when the text is not a clock time. */
export function parseClock(text: string): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  return Number(match[1] ?? match[3]) * 60 + Number(match[2] ?? match[4]);
}

export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function weekdayName(weekday: number): string {
  return DateTime.fromObject({ weekday: weekday as WeekdayNumbers }, { zone: 'UTC' }).setLocale('en-US').toFormat('cccc');
}

/** What is wrong with a week of working hours, each error at its interval's index in `path`. */
export function checkWorkingHours(intervals: readonly WorkingHoursInterval[], path: string[]): FieldError[] {
  const errors: FieldError[] = [];
  intervals.forEach((interval, index) => {
    const at = (field: string) => [...path, String(index), field];
    if (!WEEKDAYS.includes(interval.weekday as never)) errors.push({ path: at('weekday'), message: 'A weekday is 1 (Monday) to 7 (Sunday)' });
    if (interval.endMinute <= interval.startMinute) errors.push({ path: at('endTime'), message: 'The hours must end after they start' });
  });
  for (const weekday of WEEKDAYS) {
    const day = intervals.map((interval, index) => ({ ...interval, index })).filter((interval) => interval.weekday === weekday);
    if (day.length > MAX_INTERVALS_PER_DAY) {
      errors.push({ path: [...path, String(day[MAX_INTERVALS_PER_DAY]!.index)], message: `At most ${MAX_INTERVALS_PER_DAY} intervals on ${weekdayName(weekday)}` });
    }
    const sorted = day.sort((a, b) => a.startMinute - b.startMinute);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.startMinute < sorted[i - 1]!.endMinute) {
        errors.push({ path: [...path, String(sorted[i]!.index), 'startTime'], message: `Overlaps another interval on ${weekdayName(weekday)}` });
      }
    }
  }
  return errors;
}

/** What is wrong with a new time-off range. */
export function checkTimeOff(range: { startsAt: Date; endsAt: Date; reason: string }, path: string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!isBusinessInstant(range.startsAt)) errors.push({ path: [...path, 'startsAt'], message: `Time off must start ${BUSINESS_RANGE_MESSAGE}` });
  if (!isBusinessInstant(range.endsAt)) errors.push({ path: [...path, 'endsAt'], message: `Time off must end ${BUSINESS_RANGE_MESSAGE}` });
  if (range.endsAt <= range.startsAt) errors.push({ path: [...path, 'endsAt'], message: 'Time off must end after it starts' });
  else if (range.endsAt.getTime() - range.startsAt.getTime() > MAX_TIME_OFF_DAYS * MINUTES_PER_DAY * 60_000) {
    errors.push({ path: [...path, 'endsAt'], message: `One time-off range lasts at most ${MAX_TIME_OFF_DAYS} days` });
  }
  const reason = range.reason.trim();
  if (!reason) errors.push({ path: [...path, 'reason'], message: 'Time off needs a reason' });
  else {
    const problem = tooLong(reason, MAX_TIME_OFF_REASON_LENGTH);
    if (problem) errors.push({ path: [...path, 'reason'], message: problem });
  }
  return errors;
}

/**
 * A technician's time-off ranges never overlap (the database's exclusion constraint `TimeOff_no_overlap`
 * is the judge; ranges that only touch are fine): a new range over one they have is refused, naming that
 * one, on the field that runs into it: its start when it starts inside it, else its end. The dispatcher
 * then changes or removes that range, or picks other times; joining them would lose a reason.
 */
export function timeOffOverlapError(
  range: { startsAt: Date; endsAt: Date },
  existing: TimeOffRange | null,
  timeZone: string,
  path: string[],
): FieldError {
  if (!existing) return { path: [...path, 'startsAt'], message: 'Overlaps other time off of this technician' };
  const field = existing.startsAt <= range.startsAt ? 'startsAt' : 'endsAt';
  const when = `${formatInstant(existing.startsAt, timeZone)} to ${formatInstant(existing.endsAt, timeZone)}`;
  return { path: [...path, field], message: `Overlaps the time off from ${when} (${existing.reason}): change that one or choose other times` };
}

/**
 * The instant of a wall-clock minute on a local date. A minute that does not exist (the hour skipped when
 * clocks go forward) moves forward by the gap; one that happens twice (clocks go back) is the first.
 */
function localInstant(date: string, minute: number, timeZone: string): Date {
  const midnight = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (minute >= MINUTES_PER_DAY) return DateTime.fromISO(addDays(date, 1), { zone: timeZone }).startOf('day').toJSDate();
  return midnight.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toJSDate();
}

function weekdayOf(date: string, timeZone: string): number {
  return DateTime.fromISO(date, { zone: timeZone }).weekday;
}

/** The working hours of one weekday, in order. */
export function hoursOnWeekday(hours: readonly WorkingHoursInterval[], weekday: number): WorkingHoursInterval[] {
  return hours.filter((interval) => interval.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute);
}

/** The instants a technician works on a local date (a 23- or 25-hour day has the hours its clocks show). */
export function workingWindowsOn(date: string, hours: readonly WorkingHoursInterval[], timeZone: string): Window[] {
  return hoursOnWeekday(hours, weekdayOf(date, timeZone))
    .map((interval) => ({ windowStart: localInstant(date, interval.startMinute, timeZone), windowEnd: localInstant(date, interval.endMinute, timeZone) }))
    .filter((window) => window.windowEnd > window.windowStart);
}

/** Sorted, with touching or overlapping windows joined: Monday until 24:00 and Tuesday from 00:00 are one night shift. */
export function mergeWindows(windows: readonly Window[]): Window[] {
  const sorted = [...windows].sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime());
  const merged: Window[] = [];
  for (const window of sorted) {
    const last = merged.at(-1);
    if (last && window.windowStart <= last.windowEnd) {
      if (window.windowEnd > last.windowEnd) last.windowEnd = window.windowEnd;
    } else merged.push({ windowStart: window.windowStart, windowEnd: window.windowEnd });
  }
  return merged;
}

/** What of `from` is left once every window of `minus` is taken out. */
export function subtractWindows(from: readonly Window[], minus: readonly Window[]): Window[] {
  let left = mergeWindows(from);
  for (const cut of mergeWindows(minus)) {
    left = left.flatMap((window) => {
      if (cut.windowEnd <= window.windowStart || cut.windowStart >= window.windowEnd) return [window];
      const pieces: Window[] = [];
      if (cut.windowStart > window.windowStart) pieces.push({ windowStart: window.windowStart, windowEnd: cut.windowStart });
      if (cut.windowEnd < window.windowEnd) pieces.push({ windowStart: cut.windowEnd, windowEnd: window.windowEnd });
      return pieces;
    });
  }
  return left;
}

/** The working windows touching a span, merged across midnight. */
function workingWindowsAround(span: Window, hours: readonly WorkingHoursInterval[], timeZone: string): Window[] {
  const windows: Window[] = [];
  const last = dateInZone(new Date(span.windowEnd.getTime() - 1), timeZone);
  for (let date = dateInZone(span.windowStart, timeZone); date <= last; date = addDays(date, 1)) {
    windows.push(...workingWindowsOn(date, hours, timeZone));
  }
  // The day before and after too, so that a shift running through midnight is one window.
  windows.push(...workingWindowsOn(addDays(dateInZone(span.windowStart, timeZone), -1), hours, timeZone));
  windows.push(...workingWindowsOn(addDays(last, 1), hours, timeZone));
  return mergeWindows(windows);
}

const overlaps = (a: Window, b: { startsAt: Date; endsAt: Date }) => a.windowStart < b.endsAt && b.startsAt < a.windowEnd;

/** Null when the technician works through the whole window and has no time off in it. */
export function unavailabilityOf(window: Window, availability: Availability, timeZone: string): Unavailability | null {
  const timeOff = [...availability.timeOff].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).find((range) => overlaps(window, range));
  if (timeOff) return { kind: 'TIME_OFF', timeOff };
  const covered = workingWindowsAround(window, availability.workingHours, timeZone).some(
    (working) => working.windowStart <= window.windowStart && window.windowEnd <= working.windowEnd,
  );
  if (covered) return null;
  const date = dateInZone(window.windowStart, timeZone);
  const weekday = weekdayOf(date, timeZone);
  return { kind: 'OUTSIDE_WORKING_HOURS', date, weekday, workingHours: hoursOnWeekday(availability.workingHours, weekday) };
}

function formatInstant(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('en-US').toFormat('ccc d LLL yyyy HH:mm');
}

export function formatHours(intervals: readonly WorkingHoursInterval[]): string {
  return intervals.map((interval) => `${formatClock(interval.startMinute)}–${formatClock(interval.endMinute)}`).join(', ');
}

/** The sentence a dispatcher reads: whose time, and which hours or which time off. */
export function describeUnavailability(unavailability: Unavailability, technicianName: string, hasAnyHours: boolean, timeZone: string): string {
  if (unavailability.kind === 'TIME_OFF') {
    const { startsAt, endsAt, reason } = unavailability.timeOff;
    return `${technicianName} is off from ${formatInstant(startsAt, timeZone)} to ${formatInstant(endsAt, timeZone)} (${reason})`;
  }
  if (!hasAnyHours) return `${technicianName} has no working hours set`;
  const day = weekdayName(unavailability.weekday);
  if (!unavailability.workingHours.length) return `${technicianName} does not work on ${day}s`;
  return `${technicianName} works ${formatHours(unavailability.workingHours)} on ${day}s: the window is outside those hours`;
}

export type UnavailableKind = Unavailability['kind'];

/** What a booking overrode on purpose, as its work order event records it. */
export interface AvailabilityOverride {
  kind: UnavailableKind;
  message: string;
}

export interface UnavailableInterval extends Window {
  kind: UnavailableKind;
  /** The time off's reason; null for time outside working hours. */
  reason: string | null;
}

/** The parts of a local day a technician cannot be booked, for the board to shade: outside their hours, and their time off. */
export function unavailableIntervalsOn(date: string, day: Window, availability: Availability, timeZone: string): UnavailableInterval[] {
  const offHours = subtractWindows([day], workingWindowsOn(date, availability.workingHours, timeZone)).map((window) => ({
    ...window,
    kind: 'OUTSIDE_WORKING_HOURS' as const,
    reason: null,
  }));
  const timeOff = availability.timeOff
    .filter((range) => overlaps(day, range))
    .map((range) => ({
      windowStart: range.startsAt > day.windowStart ? range.startsAt : day.windowStart,
      windowEnd: range.endsAt < day.windowEnd ? range.endsAt : day.windowEnd,
      kind: 'TIME_OFF' as const,
      reason: range.reason,
    }));
  return [...offHours, ...timeOff].sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime());
}

/** The step on which suggested starts fall. */
export const SLOT_STEP_MINUTES = 15;

export interface FreeSlot extends Window {
  /** The free time the window lies in: the job may start anywhere from freeFrom to freeUntil minus its duration. */
  freeFrom: Date;
  freeUntil: Date;
}

/**
 * Where a job of `durationMinutes` fits on a local day: the day's working hours less time off and the
 * technician's active jobs (`busy`). One window per free stretch, starting as near `near` as the stretch
 * allows (on the 15-minute step where it can), else at the stretch's start.
 */
export function freeSlotsOn(
  date: string,
  availability: Availability,
  busy: readonly Window[],
  durationMinutes: number,
  timeZone: string,
  near?: Date,
): FreeSlot[] {
  const duration = durationMinutes * 60_000;
  const blocked = [...busy, ...availability.timeOff.map((range) => ({ windowStart: range.startsAt, windowEnd: range.endsAt }))];
  return subtractWindows(workingWindowsOn(date, availability.workingHours, timeZone), blocked)
    .filter((free) => free.windowEnd.getTime() - free.windowStart.getTime() >= duration)
    .map((free) => {
      const start = startNear(free, duration, near);
      return { windowStart: start, windowEnd: new Date(start.getTime() + duration), freeFrom: free.windowStart, freeUntil: free.windowEnd };
    });
}

function startNear(free: Window, duration: number, near: Date | undefined): Date {
  const earliest = free.windowStart.getTime();
  const latest = free.windowEnd.getTime() - duration;
  if (!near) return free.windowStart;
  const step = SLOT_STEP_MINUTES * 60_000;
  const wanted = Math.min(Math.max(near.getTime(), earliest), latest);
  const onStep = [Math.ceil(wanted / step) * step, Math.floor(wanted / step) * step].find((t) => t >= earliest && t <= latest);
  return new Date(onStep ?? wanted);
}

/** Slots ordered by how far their start lies from `near` (then by start): the nearest first. */
export function nearestFirst<T extends Window>(slots: readonly T[], near: Date): T[] {
  const distance = (slot: T) => Math.abs(slot.windowStart.getTime() - near.getTime());
  return [...slots].sort((a, b) => distance(a) - distance(b) || a.windowStart.getTime() - b.windowStart.getTime());
}
