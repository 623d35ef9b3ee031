import { describe, expect, it } from 'vitest';
import { moveWindow, planWindow, workOrderNumberOf } from '../../src/domain/work-order.js';

const at = (iso: string) => new Date(iso);

describe('a work order\'s window', () => {
  it('ends at start + the service type\'s duration when no end or duration is given', () => {
    expect(planWindow({ windowStart: at('2027-01-04T15:00:00Z') }, 45)).toEqual({
      windowStart: at('2027-01-04T15:00:00Z'),
      windowEnd: at('2027-01-04T15:45:00Z'),
      durationMinutes: 45,
    });
  });

  it('takes an overridden duration, and an explicit end over the duration', () => {
    expect(planWindow({ windowStart: at('2027-01-04T15:00:00Z'), durationMinutes: 30 }, 45)).toMatchObject({ windowEnd: at('2027-01-04T15:30:00Z') });
    expect(planWindow({ windowStart: at('2027-01-04T15:00:00Z'), windowEnd: at('2027-01-04T17:00:00Z'), durationMinutes: 30 }, 45)).toMatchObject({
      windowEnd: at('2027-01-04T17:00:00Z'),
      durationMinutes: 30,
    });
  });

  it('must end after it starts and last at most a day', () => {
    expect(planWindow({ windowStart: at('2027-01-04T15:00:00Z'), windowEnd: at('2027-01-04T15:00:00Z') }, 45)).toMatchObject({ field: 'windowEnd' });
    expect(planWindow({ windowStart: at('2027-01-04T15:00:00Z'), windowEnd: at('2027-01-05T15:01:00Z') }, 45)).toMatchObject({ field: 'windowEnd' });
  });

  it('keeps its length when moved to a new start', () => {
    const window = { windowStart: at('2027-01-04T15:00:00Z'), windowEnd: at('2027-01-04T17:00:00Z') };
    expect(moveWindow(window, at('2027-01-05T09:00:00Z'))).toEqual({ windowStart: at('2027-01-05T09:00:00Z'), windowEnd: at('2027-01-05T11:00:00Z') });
  });
});

describe('workOrderNumberOf', () => {
  it('reads the number a person types for a work order', () => {
    expect(['WO-1042', 'wo-1042', 'WO 1042', 'wo1042', ' 1042 '].map(workOrderNumberOf)).toEqual([1042, 1042, 1042, 1042, 1042]);
  });

  it('is null for text that is not a work order number, or one too large to exist', () => {
    expect(['Metro', 'WO-', '10-42', 'ABC1042', '99999999999', '2147483648'].map(workOrderNumberOf)).toEqual([null, null, null, null, null, null]);
  });
});
