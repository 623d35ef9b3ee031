import { describe, expect, it } from 'vitest';
import { instantOf } from '../src/lib/format';
import { nextTimeOffSlot } from '../src/lib/technicians/time-off';

const ZONE = 'America/Chicago';
const at = (clock: string, date = '2026-12-01') => new Date(instantOf(date, clock, ZONE));
const slot = (startDate: string, startTime: string, endDate = startDate, endTime = '17:00') => ({ startDate, startTime, endDate, endTime });

describe('the time off the form offers first', () => {
	it('is today 9–5 before the working day starts', () => {
		expect(nextTimeOffSlot(at('00:05'), ZONE)).toEqual(slot('2026-12-01', '09:00'));
		expect(nextTimeOffSlot(at('09:00'), ZONE)).toEqual(slot('2026-12-01', '09:00'));
	});

	it('is the rest of the day, from the next half hour, while the day lasts', () => {
		expect(nextTimeOffSlot(at('13:10'), ZONE)).toEqual(slot('2026-12-01', '13:30'));
		expect(nextTimeOffSlot(at('13:30'), ZONE)).toEqual(slot('2026-12-01', '13:30'));
		expect(nextTimeOffSlot(at('16:29'), ZONE)).toEqual(slot('2026-12-01', '16:30'));
	});

	it('is tomorrow 9–5 once today has no half hour left, as at 7 PM', () => {
		expect(nextTimeOffSlot(at('16:31'), ZONE)).toEqual(slot('2026-12-02', '09:00'));
		expect(nextTimeOffSlot(at('19:00'), ZONE)).toEqual(slot('2026-12-02', '09:00'));
		expect(nextTimeOffSlot(at('23:59', '2026-12-31'), ZONE)).toEqual(slot('2027-01-01', '09:00'));
	});

	it("reads the clock in the organization's zone, not the browser's", () => {
		// 19:00 in Chicago is 01:00 the next day in UTC, and 14:00 in Auckland.
		const evening = at('19:00');
		expect(nextTimeOffSlot(evening, 'UTC')).toEqual(slot('2026-12-02', '09:00'));
		expect(nextTimeOffSlot(evening, 'Pacific/Auckland')).toEqual(slot('2026-12-02', '14:00'));
	});
});
