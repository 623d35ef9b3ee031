import { describe, expect, it } from 'vitest';
import { atLocalTime, dateInZone, dayRange, windowsOverlap } from '../../src/domain/time.js';

describe('days and windows in the organization\'s zone', () => {
  it('takes a day as midnight to midnight in the zone, not in UTC', () => {
    const day = dayRange('2026-12-01', 'America/Chicago');
    expect(day.windowStart.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(day.windowEnd.toISOString()).toBe('2026-12-02T06:00:00.000Z');
  });

  it('has 23 hours on the day clocks spring forward', () => {
    const day = dayRange('2027-03-14', 'America/Chicago');
    expect(day.windowEnd.getTime() - day.windowStart.getTime()).toBe(23 * 3_600_000);
  });

  it('tells the local date of an instant', () => {
    expect(dateInZone(new Date('2026-12-01T04:00:00Z'), 'America/Chicago')).toBe('2026-11-30');
    expect(dateInZone(new Date('2026-12-01T04:00:00Z'), 'Pacific/Auckland')).toBe('2026-12-01');
    expect(atLocalTime('2026-12-01', '08:00', 'Pacific/Auckland').toISOString()).toBe('2026-11-30T19:00:00.000Z');
  });

  it('refuses a date that is not one', () => {
    expect(() => dayRange('2026-13-45', 'UTC')).toThrow(RangeError);
  });

  it('lets back-to-back windows touch without overlapping', () => {
    const a = { windowStart: new Date('2026-12-01T15:00Z'), windowEnd: new Date('2026-12-01T16:00Z') };
    const b = { windowStart: new Date('2026-12-01T16:00Z'), windowEnd: new Date('2026-12-01T17:00Z') };
    const c = { windowStart: new Date('2026-12-01T15:59Z'), windowEnd: new Date('2026-12-01T17:00Z') };
    expect(windowsOverlap(a, b)).toBe(false);
    expect(windowsOverlap(a, c)).toBe(true);
  });
});
