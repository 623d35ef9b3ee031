import type { Caller } from './caller.js';
import { accessOf, ownerOf, type Reach } from './permissions.js';
import { windowsOverlap, type Window } from './time.js';
import type { WorkOrderSnapshot } from './work-order.js';

/** What a subscriber needs to know of one logged change to decide whether it concerns them. */
export interface LoggedChange {
  seq: bigint;
  organizationId: string;
  workOrderId: string;
  before: WorkOrderSnapshot | null;
  after: WorkOrderSnapshot;
}

const sides = (change: LoggedChange) => (change.before ? [change.before, change.after] : [change.after]);

/**
 * May this caller receive this change? Whoever reads the organization's work orders sees all of its
 * changes, a technician the changes to jobs that are or were theirs, a customer those to their own.
 * A subscription reads work orders `direct`; a webhook delivery carries them `nested`, in the endpoint
 * its owner made.
 */
export function changeVisibleTo(caller: Caller, change: LoggedChange, reach: Reach = 'direct'): boolean {
  if (change.organizationId !== caller.organizationId) return false;
  const access = accessOf(caller);
  if (!access.reads('WorkOrder', reach)) return false;
  if (access.rows === 'organization') return true;
  const owner = ownerOf(caller);
  if (!owner) return false;
  if ('customerId' in owner) return sides(change).some((side) => side.customerId === owner.customerId);
  return changeTouchesTechnician(change, owner.technicianId);
}

/** A change touches a day when the window before or after it falls on that day: a job moved out of the day counts. */
export function changeTouchesDay(change: LoggedChange, day: Window): boolean {
  return sides(change).some((side) =>
    windowsOverlap({ windowStart: new Date(side.windowStart), windowEnd: new Date(side.windowEnd) }, day),
  );
}

/** A job assigned to, or taken away from, the technician. */
export function changeTouchesTechnician(change: LoggedChange, technicianId: string | null): boolean {
  return technicianId !== null && sides(change).some((side) => side.technicianId === technicianId);
}
