import { encodeGlobalID } from '@pothos/plugin-relay';
import type { WorkOrderSnapshot } from '../domain/work-order.js';

/**
 * A logged snapshot as the API answers it, the GraphQL `WorkOrderSnapshot` and a webhook delivery's
 * `before`/`after` alike: the IDs it names as global IDs, and without the customer and the service
 * address, which the log keeps for deciding who sees a change (domain/event-visibility.ts).
 */
export type AnsweredSnapshot = {
  number: number;
  status: WorkOrderSnapshot['status'];
  version: number;
  windowStart: string;
  windowEnd: string;
  technicianId: string | null;
  serviceTypeId: string;
  vehicleId: string;
  priceMinor: number;
  durationMinutes: number;
  customerNotes: string | null;
  internalNotes: string | null;
  cancelReason: string | null;
};

export function answeredSnapshot(snapshot: WorkOrderSnapshot): AnsweredSnapshot {
  return {
    number: snapshot.number,
    status: snapshot.status,
    version: snapshot.version,
    windowStart: snapshot.windowStart,
    windowEnd: snapshot.windowEnd,
    technicianId: snapshot.technicianId ? encodeGlobalID('Technician', snapshot.technicianId) : null,
    serviceTypeId: encodeGlobalID('ServiceType', snapshot.serviceTypeId),
    vehicleId: encodeGlobalID('Vehicle', snapshot.vehicleId),
    priceMinor: snapshot.priceMinor,
    durationMinutes: snapshot.durationMinutes,
    customerNotes: snapshot.customerNotes,
    internalNotes: snapshot.internalNotes,
    cancelReason: snapshot.cancelReason,
  };
}

/** The snapshots of a logged event's JSON columns. */
export function snapshotsOf(event: { before: unknown; after: unknown }): { before: WorkOrderSnapshot | null; after: WorkOrderSnapshot } {
  return { before: event.before as WorkOrderSnapshot | null, after: event.after as WorkOrderSnapshot };
}
