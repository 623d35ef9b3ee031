import { describe, expect, it } from 'vitest';
import type { DetailTimelineEventFragment, DetailTimelineSnapshotFragment } from '../src/lib/gql/graphql';
import { describeEvent } from '../src/lib/work-order/timeline';

const snapshot: DetailTimelineSnapshotFragment = {
	status: 'SCHEDULED',
	technicianId: 'tech-maria',
	serviceTypeId: 'service-oil',
	vehicleId: 'vehicle-camry',
	windowStart: '2026-11-27T16:30:00.000Z',
	windowEnd: '2026-11-27T17:15:00.000Z',
	priceMinor: 8999,
	durationMinutes: 45,
	customerNotes: null,
	internalNotes: null,
	cancelReason: null
};

function edited(after: Partial<DetailTimelineSnapshotFragment>): DetailTimelineEventFragment {
	return { seq: '7', type: 'EDITED', actorName: 'Dana Dispatcher', at: '2026-11-26T15:00:00.000Z', before: snapshot, after: { ...snapshot, ...after } };
}

const context = (currency: string) => ({
	timeZone: 'America/Chicago',
	currency,
	technicianName: () => 'Maria Lopez',
	serviceTypeName: () => 'Oil change',
	vehicleName: () => '2016 Toyota Camry'
});

describe('the timeline of a work order', () => {
	it("writes a price change in the organization's currency, as the API writes amounts", () => {
		expect(describeEvent(edited({ priceMinor: 10450 }), context('USD')).details).toEqual(['Price: $89.99 → $104.50']);
		expect(describeEvent(edited({ priceMinor: 10450 }), context('NZD')).details).toEqual(['Price: NZ$89.99 → NZ$104.50']);
		expect(describeEvent(edited({ priceMinor: 10450 }), context('JPY')).details).toEqual(['Price: ¥8,999 → ¥10,450']);
	});

	it('says nothing of the price when it did not change', () => {
		expect(describeEvent(edited({ durationMinutes: 60 }), context('USD')).details).toEqual(['Duration: 45 min → 1 h']);
	});
});
