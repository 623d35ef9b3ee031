import { describe, expect, it } from 'vitest';
import type { DetailTimelineEventFragment, DetailTimelineSnapshotFragment } from '../src/lib/gql/graphql';
import { describeEvent } from '../src/lib/work-order/timeline';

const ZONE = 'America/Chicago';
const NAMES: Record<string, string> = { 'tech-maria': 'Maria Lopez', 'tech-sam': 'Sam Whitaker' };
const context = {
	timeZone: ZONE,
	currency: 'USD',
	technicianName: (id: string | null) => (id ? NAMES[id]! : 'Unassigned'),
	serviceTypeName: () => 'Conventional Oil Change',
	vehicleName: () => '2021 Ford Transit'
};

const booked: DetailTimelineSnapshotFragment = {
	status: 'SCHEDULED',
	technicianId: 'tech-maria',
	serviceTypeId: 'service-oil',
	vehicleId: 'vehicle-transit',
	windowStart: '2026-11-27T15:00:00.000Z',
	windowEnd: '2026-11-27T15:45:00.000Z',
	priceMinor: 5999,
	durationMinutes: 45,
	customerNotes: null,
	internalNotes: null,
	cancelReason: null
};

function event(fields: Partial<DetailTimelineEventFragment>): DetailTimelineEventFragment {
	return { seq: '1', type: 'CREATED', actorName: 'Dana Dispatcher', at: '2026-11-20T15:00:00.000Z', before: null, after: booked, availabilityOverride: null, ...fields };
}

describe('the timeline of a work order', () => {
	it('says when a booking overrode the working hours, naming the technician', () => {
		const entry = describeEvent(event({ availabilityOverride: { kind: 'OUTSIDE_WORKING_HOURS' } }), context);
		expect(entry.title).toBe('Created as Scheduled');
		expect(entry.override).toBe("Booked outside Maria Lopez's working hours");
	});

	it('says when a move went into time off: the new technician’s on a reassignment', () => {
		const moved = { ...booked, windowStart: '2026-11-27T19:00:00.000Z', windowEnd: '2026-11-27T19:45:00.000Z' };
		const rescheduled = describeEvent(event({ seq: '2', type: 'RESCHEDULED', before: booked, after: moved, availabilityOverride: { kind: 'TIME_OFF' } }), context);
		expect(rescheduled.override).toBe("Moved into Maria Lopez's time off");
		expect(rescheduled.title).toBe('Rescheduled');
		expect(rescheduled.details).toEqual([expect.stringMatching(/^Window: /)]);

		const reassigned = describeEvent(
			event({ seq: '3', type: 'REASSIGNED', before: booked, after: { ...booked, technicianId: 'tech-sam' }, availabilityOverride: { kind: 'OUTSIDE_WORKING_HOURS' } }),
			context
		);
		expect(reassigned.override).toBe("Moved outside Sam Whitaker's working hours");
	});

	it('says nothing of availability when the change kept to it, or when the caller may not see it', () => {
		expect(describeEvent(event({}), context).override).toBeNull();
		expect(describeEvent(event({ seq: '2', type: 'STATUS_CHANGED', before: booked, after: { ...booked, status: 'EN_ROUTE' } }), context).override).toBeNull();
	});

	it("writes a price change in the organization's currency, as the API writes amounts", () => {
		const edited = (currency: string) =>
			describeEvent(event({ seq: '2', type: 'EDITED', before: booked, after: { ...booked, priceMinor: 10450 } }), { ...context, currency }).details;
		expect(edited('USD')).toEqual(['Price: $59.99 → $104.50']);
		expect(edited('NZD')).toEqual(['Price: NZ$59.99 → NZ$104.50']);
		expect(edited('JPY')).toEqual(['Price: ¥5,999 → ¥10,450']);
	});

	it('says nothing of the price when it did not change', () => {
		expect(describeEvent(event({ seq: '2', type: 'EDITED', before: booked, after: { ...booked, durationMinutes: 60 } }), context).details).toEqual(['Duration: 45 min → 1 h']);
	});
});
