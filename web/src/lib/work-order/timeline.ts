import { formatMoney } from '$domain/money';
import { STATUS_LABEL, dateTimeIn, duration, timeIn } from '$lib/format';
import type { DetailTimelineEventFragment, DetailTimelineSnapshotFragment, WorkOrderStatus } from '$lib/gql/graphql';

/** One line of the status timeline: what happened, who did it and when, in the organization's zone. */
export interface TimelineEntry {
	seq: string;
	title: string;
	details: string[];
	/** That the change booked the technician outside their working hours or into their time off on purpose. */
	override: string | null;
	actor: string;
	at: string;
	/** The status the work order was in after this event. */
	status: WorkOrderStatus;
}

interface Context {
	timeZone: string;
	currency: string;
	technicianName: (id: string | null) => string;
	serviceTypeName: (id: string) => string;
	vehicleName: (id: string) => string;
}

const quoted = (notes: string | null) => (notes ? `“${notes}”` : 'none');

function windowText(snapshot: DetailTimelineSnapshotFragment, timeZone: string): string {
	return `${dateTimeIn(snapshot.windowStart, timeZone)} – ${timeIn(snapshot.windowEnd, timeZone)}`;
}

function sameWindow(a: DetailTimelineSnapshotFragment, b: DetailTimelineSnapshotFragment): boolean {
	return Date.parse(a.windowStart) === Date.parse(b.windowStart) && Date.parse(a.windowEnd) === Date.parse(b.windowEnd);
}

/** What changed between two snapshots, beyond the status, in words. */
function edits(before: DetailTimelineSnapshotFragment, after: DetailTimelineSnapshotFragment, context: Context): string[] {
	const { timeZone, currency, technicianName, serviceTypeName, vehicleName } = context;
	const lines: string[] = [];
	if (before.technicianId !== after.technicianId) lines.push(`Technician: ${technicianName(before.technicianId)} → ${technicianName(after.technicianId)}`);
	if (before.serviceTypeId !== after.serviceTypeId) lines.push(`Service: ${serviceTypeName(before.serviceTypeId)} → ${serviceTypeName(after.serviceTypeId)}`);
	if (before.vehicleId !== after.vehicleId) lines.push(`Vehicle: ${vehicleName(before.vehicleId)} → ${vehicleName(after.vehicleId)}`);
	if (!sameWindow(before, after)) lines.push(`Window: ${windowText(before, timeZone)} → ${windowText(after, timeZone)}`);
	if (before.priceMinor !== after.priceMinor) lines.push(`Price: ${formatMoney({ amountMinor: before.priceMinor, currency })} → ${formatMoney({ amountMinor: after.priceMinor, currency })}`);
	if (before.durationMinutes !== after.durationMinutes) lines.push(`Duration: ${duration(before.durationMinutes)} → ${duration(after.durationMinutes)}`);
	if (before.customerNotes !== after.customerNotes) lines.push(`Customer notes: ${quoted(before.customerNotes)} → ${quoted(after.customerNotes)}`);
	if (before.internalNotes !== after.internalNotes) lines.push(`Internal notes: ${quoted(before.internalNotes)} → ${quoted(after.internalNotes)}`);
	return lines;
}

const TITLES = { REASSIGNED: 'Reassigned', RESCHEDULED: 'Rescheduled', EDITED: 'Edited' } as const;

/** "Booked outside Maria Lopez's working hours", "Moved into Maria Lopez's time off"; null when nothing was overridden. */
function overrideText(event: DetailTimelineEventFragment, technicianName: Context['technicianName']): string | null {
	if (!event.availabilityOverride) return null;
	const verb = event.type === 'CREATED' ? 'Booked' : 'Moved';
	const whose = `${technicianName(event.after.technicianId)}'s`;
	return event.availabilityOverride.kind === 'TIME_OFF' ? `${verb} into ${whose} time off` : `${verb} outside ${whose} working hours`;
}

export function describeEvent(event: DetailTimelineEventFragment, context: Context): TimelineEntry {
	const { after, before } = event;
	const entry = {
		seq: event.seq,
		actor: event.actorName,
		at: dateTimeIn(event.at, context.timeZone),
		status: after.status,
		override: overrideText(event, context.technicianName)
	};
	if (event.type === 'CREATED' || !before) {
		return {
			...entry,
			title: `Created as ${STATUS_LABEL[after.status]}`,
			details: [windowText(after, context.timeZone), after.technicianId ? `Assigned to ${context.technicianName(after.technicianId)}` : 'Unassigned']
		};
	}
	if (event.type === 'STATUS_CHANGED') {
		return {
			...entry,
			title: `${STATUS_LABEL[before.status]} → ${STATUS_LABEL[after.status]}`,
			details: after.cancelReason && after.status === 'CANCELED' ? [`Reason: ${after.cancelReason}`] : []
		};
	}
	return { ...entry, title: TITLES[event.type], details: edits(before, after, context) };
}
