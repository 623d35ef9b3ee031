import type { Caller } from './caller.js';
import { can } from './permissions.js';
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
 * May this caller receive this change? The office sees its whole organization, a technician the
 * changes to jobs that are or were theirs, a customer the changes to their own work orders.
 */
export function changeVisibleTo(caller: Caller, change: LoggedChange): boolean {
  if (change.organizationId !== caller.organizationId) return false;
  if (caller.kind === 'user' && caller.role === 'CUSTOMER') {
    return sides(change).some((side) => side.customerId === caller.customerId);
  }
  if (caller.kind === 'user' && caller.role === 'TECHNICIAN') return changeTouchesTechnician(change, caller.technicianId);
  return can(caller, 'readSchedule');
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
