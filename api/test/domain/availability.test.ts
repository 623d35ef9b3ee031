import { describe, expect, it } from 'vitest';
import {
  checkTimeOff,
  checkWorkingHours,
  describeUnavailability,
  freeSlotsOn,
  nearestFirst,
  parseClock,
  timeOffOverlapError,
  unavailabilityOf,
  unavailableIntervalsOn,
  workingWindowsOn,
  type Availability,
} from '../../src/domain/availability.js';
import type { WorkingHoursInterval } from '../../src/domain/unavailability.js';
import { dayRange } from '../../src/domain/time.js';

const CHICAGO = 'America/Chicago';
const AUCKLAND = 'Pacific/Auckland';
const SUNDAY = 7;

const hours = (weekday: number, start: string, end: string): WorkingHoursInterval => ({ weekday, startMinute: parseClock(start)!, endMinute: parseClock(end)! });
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => hours(weekday, start, end));
const availability = (workingHours: WorkingHoursInterval[], timeOff: Availability['timeOff'] = []): Availability => ({ workingHours, timeOff });
const iso = (window: { windowStart: Date; windowEnd: Date }) => [window.windowStart.toISOString(), window.windowEnd.toISOString()];
const at = (instant: string) => new Date(instant);
const window = (start: string, end: string) => ({ windowStart: at(start), windowEnd: at(end) });

describe('clock times', () => {
  it('reads HH:mm with 24:00 as the end of the day, and nothing else', () => {
    expect([parseClock('00:00'), parseClock('08:30'), parseClock('23:59'), parseClock('24:00')]).toEqual([0, 510, 1439, 1440]);
    for (const bad of ['24:01', '25:00', '8:30', '08:60', '', '08:30:00', '-01:00', '１２:００']) expect(parseClock(bad), bad).toBeNull();
  });
});

describe('working hours on days the clocks change', () => {
  it('gives a 23-hour spring-forward Sunday in Chicago the hours its clocks show', () => {
    // 2026-03-08: 02:00 CST becomes 03:00 CDT.
    expect(workingWindowsOn('2026-03-08', [hours(SUNDAY, '00:00', '24:00')], CHICAGO).map(iso)).toEqual([['2026-03-08T06:00:00.000Z', '2026-03-09T05:00:00.000Z']]);
    expect(workingWindowsOn('2026-03-08', [hours(SUNDAY, '08:00', '17:00')], CHICAGO).map(iso)).toEqual([['2026-03-08T13:00:00.000Z', '2026-03-08T22:00:00.000Z']]);
  });

  it('moves hours that start in the skipped hour forward, and drops an interval that lies wholly inside it', () => {
    expect(workingWindowsOn('2026-03-08', [hours(SUNDAY, '02:30', '06:00')], CHICAGO).map(iso)).toEqual([['2026-03-08T08:30:00.000Z', '2026-03-08T11:00:00.000Z']]);
    expect(workingWindowsOn('2026-03-08', [hours(SUNDAY, '02:00', '03:00')], CHICAGO)).toEqual([]);
  });

  it('gives a 25-hour fall-back Sunday in Chicago its extra hour', () => {
    // 2026-11-01: 02:00 CDT becomes 01:00 CST.
    const [whole] = workingWindowsOn('2026-11-01', [hours(SUNDAY, '00:00', '24:00')], CHICAGO);
    expect(whole!.windowEnd.getTime() - whole!.windowStart.getTime()).toBe(25 * 3_600_000);
    expect(workingWindowsOn('2026-11-01', [hours(SUNDAY, '08:00', '17:00')], CHICAGO).map(iso)).toEqual([['2026-11-01T14:00:00.000Z', '2026-11-01T23:00:00.000Z']]);
  });

  it('follows Auckland, where the clocks go back in April and forward in September', () => {
    // 2026-04-05: 03:00 NZDT becomes 02:00 NZST; 2026-09-27: 02:00 NZST becomes 03:00 NZDT.
    expect(workingWindowsOn('2026-04-05', [hours(SUNDAY, '08:00', '17:00')], AUCKLAND).map(iso)).toEqual([['2026-04-04T20:00:00.000Z', '2026-04-05T05:00:00.000Z']]);
    expect(workingWindowsOn('2026-09-27', [hours(SUNDAY, '08:00', '17:00')], AUCKLAND).map(iso)).toEqual([['2026-09-26T19:00:00.000Z', '2026-09-27T04:00:00.000Z']]);
    const [longDay] = workingWindowsOn('2026-04-05', [hours(SUNDAY, '00:00', '24:00')], AUCKLAND);
    expect(longDay!.windowEnd.getTime() - longDay!.windowStart.getTime()).toBe(25 * 3_600_000);
  });
});

describe('whether a technician can take a window', () => {
  const weekdays = availability([1, 2, 3, 4, 5].map((weekday) => hours(weekday, '08:00', '17:00')));

  it('takes a window inside the hours, and one that ends exactly when the day does', () => {
    expect(unavailabilityOf(window('2026-12-01T14:00:00Z', '2026-12-01T15:00:00Z'), weekdays, CHICAGO)).toBeNull(); // Tue 08:00–09:00
    expect(unavailabilityOf(window('2026-12-01T22:00:00Z', '2026-12-01T23:00:00Z'), weekdays, CHICAGO)).toBeNull(); // Tue 16:00–17:00
  });

  it('refuses a window that starts before the hours, runs past them or falls on a day off, naming that day\'s hours', () => {
    const early = unavailabilityOf(window('2026-12-01T13:30:00Z', '2026-12-01T14:30:00Z'), weekdays, CHICAGO);
    expect(early).toMatchObject({ kind: 'OUTSIDE_WORKING_HOURS', date: '2026-12-01', weekday: 2, workingHours: [hours(2, '08:00', '17:00')] });
    expect(describeUnavailability(early!, 'Maria Lopez', true, CHICAGO)).toBe('Maria Lopez works 08:00–17:00 on Tuesdays: the window is outside those hours');
    expect(unavailabilityOf(window('2026-12-01T22:30:00Z', '2026-12-01T23:30:00Z'), weekdays, CHICAGO)).toMatchObject({ kind: 'OUTSIDE_WORKING_HOURS' });
    const sunday = unavailabilityOf(window('2026-12-06T16:00:00Z', '2026-12-06T17:00:00Z'), weekdays, CHICAGO)!;
    expect(sunday).toMatchObject({ kind: 'OUTSIDE_WORKING_HOURS', weekday: SUNDAY, workingHours: [] });
    expect(describeUnavailability(sunday, 'Maria Lopez', true, CHICAGO)).toBe('Maria Lopez does not work on Sundays');
  });

  it('refuses everything for a technician without hours', () => {
    const none = unavailabilityOf(window('2026-12-01T16:00:00Z', '2026-12-01T17:00:00Z'), availability([]), CHICAGO)!;
    expect(describeUnavailability(none, 'Sam Whitaker', false, CHICAGO)).toBe('Sam Whitaker has no working hours set');
  });

  it('refuses a window over a lunch break between two intervals of one day, and takes one across a night shift through midnight', () => {
    const split = availability([hours(2, '08:00', '12:00'), hours(2, '13:00', '17:00')]);
    expect(unavailabilityOf(window('2026-12-01T17:30:00Z', '2026-12-01T19:30:00Z'), split, CHICAGO)).toMatchObject({ kind: 'OUTSIDE_WORKING_HOURS' });
    const nights = availability([hours(1, '22:00', '24:00'), hours(2, '00:00', '06:00')]);
    // Mon 23:00 to Tue 01:00 in Chicago.
    expect(unavailabilityOf(window('2026-12-01T05:00:00Z', '2026-12-01T07:00:00Z'), nights, CHICAGO)).toBeNull();
  });

  it('names the time off in the way, even inside the hours, first by start', () => {
    const dentist = { id: 'a', startsAt: at('2026-12-01T18:00:00Z'), endsAt: at('2026-12-01T20:00:00Z'), reason: 'Dentist' };
    const leave = { id: 'b', startsAt: at('2026-12-01T19:00:00Z'), endsAt: at('2026-12-03T00:00:00Z'), reason: 'Leave' };
    const withTimeOff = availability(weekdays.workingHours as WorkingHoursInterval[], [leave, dentist]);
    const found = unavailabilityOf(window('2026-12-01T19:00:00Z', '2026-12-01T19:30:00Z'), withTimeOff, CHICAGO)!;
    expect(found).toMatchObject({ kind: 'TIME_OFF', timeOff: { id: 'a' } });
    expect(describeUnavailability(found, 'Maria Lopez', true, CHICAGO)).toBe('Maria Lopez is off from Tue 1 Dec 2026 12:00 to Tue 1 Dec 2026 14:00 (Dentist)');
    // Back to back with the time off is fine: ranges are half-open.
    expect(unavailabilityOf(window('2026-12-01T17:00:00Z', '2026-12-01T18:00:00Z'), withTimeOff, CHICAGO)).toBeNull();
  });

  it('holds a job on the spring-forward Sunday in Chicago to the hours that day really has', () => {
    const sundays = availability([hours(SUNDAY, '01:00', '04:00')]);
    // 01:00 CST (07:00Z) to 04:00 CDT (09:00Z): two real hours.
    expect(unavailabilityOf(window('2026-03-08T07:00:00Z', '2026-03-08T09:00:00Z'), sundays, CHICAGO)).toBeNull();
    expect(unavailabilityOf(window('2026-03-08T07:00:00Z', '2026-03-08T10:00:00Z'), sundays, CHICAGO)).toMatchObject({ kind: 'OUTSIDE_WORKING_HOURS' });
  });
});

describe('what the board shades', () => {
  it('shades the day outside the hours and the time off within it, in order, on a 23-hour Auckland day', () => {
    const day = dayRange('2026-09-27', AUCKLAND);
    const intervals = unavailableIntervalsOn('2026-09-27', day, availability([hours(SUNDAY, '09:00', '17:00')], [
      { id: 'x', startsAt: at('2026-09-26T23:00:00Z'), endsAt: at('2026-09-27T01:00:00Z'), reason: 'School run' },
    ]), AUCKLAND);
    expect(intervals.map((interval) => [interval.kind, ...iso(interval), interval.reason])).toEqual([
      ['OUTSIDE_WORKING_HOURS', '2026-09-26T12:00:00.000Z', '2026-09-26T20:00:00.000Z', null],
      ['TIME_OFF', '2026-09-26T23:00:00.000Z', '2026-09-27T01:00:00.000Z', 'School run'],
      ['OUTSIDE_WORKING_HOURS', '2026-09-27T04:00:00.000Z', '2026-09-27T11:00:00.000Z', null],
    ]);
  });

  it('shades the whole day of a technician without hours', () => {
    const day = dayRange('2026-11-01', CHICAGO);
    expect(unavailableIntervalsOn('2026-11-01', day, availability([]), CHICAGO).map(iso)).toEqual([iso(day)]);
  });
});

describe('free slots', () => {
  const tuesday = [hours(2, '08:00', '17:00')];
  const busy = [window('2026-12-01T15:00:00Z', '2026-12-01T16:30:00Z')]; // 09:00–10:30

  it('are the hours less the jobs and the time off, each long enough for the service', () => {
    const lunch = { id: 't', startsAt: at('2026-12-01T18:00:00Z'), endsAt: at('2026-12-01T18:40:00Z'), reason: 'Lunch' }; // 12:00–12:40
    const slots = freeSlotsOn('2026-12-01', availability(tuesday, [lunch]), busy, 60, CHICAGO);
    expect(slots.map((slot) => [...iso(slot), slot.freeFrom.toISOString(), slot.freeUntil.toISOString()])).toEqual([
      // 08:00–09:00 exactly fits an hour.
      ['2026-12-01T14:00:00.000Z', '2026-12-01T15:00:00.000Z', '2026-12-01T14:00:00.000Z', '2026-12-01T15:00:00.000Z'],
      ['2026-12-01T16:30:00.000Z', '2026-12-01T17:30:00.000Z', '2026-12-01T16:30:00.000Z', '2026-12-01T18:00:00.000Z'],
      ['2026-12-01T18:40:00.000Z', '2026-12-01T19:40:00.000Z', '2026-12-01T18:40:00.000Z', '2026-12-01T23:00:00.000Z'],
    ]);
    // Too long for the morning gap: 61 minutes.
    expect(freeSlotsOn('2026-12-01', availability(tuesday), busy, 61, CHICAGO).map((slot) => slot.freeFrom.toISOString())).toEqual(['2026-12-01T16:30:00.000Z']);
  });

  it('start as near the wanted time as each stretch allows, on the quarter hour, nearest first', () => {
    const near = at('2026-12-01T20:07:00Z'); // 14:07
    const slots = nearestFirst(freeSlotsOn('2026-12-01', availability(tuesday), busy, 45, CHICAGO, near), near);
    expect(slots.map((slot) => slot.windowStart.toISOString())).toEqual([
      '2026-12-01T20:15:00.000Z', // in the afternoon stretch: 14:15
      '2026-12-01T14:15:00.000Z', // the morning stretch's latest start: 08:15 (09:00 minus 45 minutes)
    ]);
  });

  it('are none on a day off, and none when the service is longer than any stretch', () => {
    expect(freeSlotsOn('2026-12-06', availability(tuesday), [], 45, CHICAGO)).toEqual([]);
    expect(freeSlotsOn('2026-12-01', availability(tuesday), [], 9 * 60 + 1, CHICAGO)).toEqual([]);
  });

  it('fill the 25 hours of Chicago\'s fall-back Sunday and the 23 of Auckland\'s spring-forward one', () => {
    const [chicago] = freeSlotsOn('2026-11-01', availability([hours(SUNDAY, '00:00', '24:00')]), [], 25 * 60, CHICAGO);
    expect(chicago && iso(chicago)).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-02T06:00:00.000Z']);
    expect(freeSlotsOn('2026-09-27', availability([hours(SUNDAY, '00:00', '24:00')]), [], 23 * 60 + 1, AUCKLAND)).toEqual([]);
    expect(freeSlotsOn('2026-09-27', availability([hours(SUNDAY, '00:00', '24:00')]), [], 23 * 60, AUCKLAND)).toHaveLength(1);
  });
});

describe('checking the input', () => {
  const path = ['input', 'workingHours'];

  it('refuses an end before the start, an unknown weekday, overlaps, and more than four intervals a day', () => {
    expect(checkWorkingHours([hours(1, '08:00', '17:00'), hours(1, '12:00', '13:00'), hours(2, '09:00', '09:00'), { weekday: 8, startMinute: 0, endMinute: 60 }], path)).toEqual([
      { path: ['input', 'workingHours', '2', 'endTime'], message: 'The hours must end after they start' },
      { path: ['input', 'workingHours', '3', 'weekday'], message: 'A weekday is 1 (Monday) to 7 (Sunday)' },
      { path: ['input', 'workingHours', '1', 'startTime'], message: 'Overlaps another interval on Monday' },
    ]);
    const five = ['06:00', '08:00', '10:00', '12:00', '14:00'].map((start, i) => hours(3, start, ['07:00', '09:00', '11:00', '13:00', '15:00'][i]!));
    expect(checkWorkingHours(five, path)).toEqual([{ path: ['input', 'workingHours', '4'], message: 'At most 4 intervals on Wednesday' }]);
    expect(checkWorkingHours([...everyDay('08:00', '12:00'), ...everyDay('12:00', '17:00')], path)).toEqual([]);
  });

  it('refuses time off that ends before it starts, outlasts a year, has no reason, or lies outside the business years', () => {
    const base = { startsAt: at('2026-12-01T00:00:00Z'), endsAt: at('2026-12-02T00:00:00Z'), reason: 'Leave' };
    expect(checkTimeOff(base, ['input'])).toEqual([]);
    expect(checkTimeOff({ ...base, endsAt: base.startsAt }, ['input'])).toEqual([{ path: ['input', 'endsAt'], message: 'Time off must end after it starts' }]);
    expect(checkTimeOff({ ...base, endsAt: at('2027-12-03T00:00:00Z') }, ['input'])[0]!.message).toBe('One time-off range lasts at most 366 days');
    expect(checkTimeOff({ ...base, reason: '   ' }, ['input'])).toEqual([{ path: ['input', 'reason'], message: 'Time off needs a reason' }]);
    expect(checkTimeOff({ ...base, startsAt: at('1999-12-31T00:00:00Z') }, ['input']).map((error) => error.path)).toContainEqual(['input', 'startsAt']);
  });

  it('counts the reason in characters as the office sees them: 200 emoji fit, 201 do not', () => {
    const base = { startsAt: at('2026-12-01T00:00:00Z'), endsAt: at('2026-12-02T00:00:00Z') };
    expect(checkTimeOff({ ...base, reason: '🏖️'.repeat(200) }, ['input'])).toEqual([]);
    expect(checkTimeOff({ ...base, reason: '🏖️'.repeat(201) }, ['input'])).toEqual([{ path: ['input', 'reason'], message: 'At most 200 characters' }]);
  });

  it('refuses a range over other time off on the field that runs into it, naming that range in the zone', () => {
    const existing = { id: 'leave', startsAt: at('2027-01-05T15:00:00Z'), endsAt: at('2027-01-05T18:00:00Z'), reason: 'Dentist' };
    const named = 'Overlaps the time off from Tue 5 Jan 2027 09:00 to Tue 5 Jan 2027 12:00 (Dentist): change that one or choose other times';
    const startingInside = { startsAt: at('2027-01-05T16:00:00Z'), endsAt: at('2027-01-05T20:00:00Z') };
    expect(timeOffOverlapError(startingInside, existing, CHICAGO, ['input'])).toEqual({ path: ['input', 'startsAt'], message: named });
    const runningInto = { startsAt: at('2027-01-05T14:00:00Z'), endsAt: at('2027-01-05T16:00:00Z') };
    expect(timeOffOverlapError(runningInto, existing, CHICAGO, ['input'])).toEqual({ path: ['input', 'endsAt'], message: named });
    expect(timeOffOverlapError(runningInto, null, CHICAGO, ['input'])).toEqual({ path: ['input', 'startsAt'], message: 'Overlaps other time off of this technician' });
  });
});
