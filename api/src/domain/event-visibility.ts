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
 * Whose changes a caller receives: none, every change in its organization, or the changes whose work
 * order is or was this customer's or this technician's. Whoever reads the organization's work orders
 * sees all of its changes, a technician the changes to jobs that are or were theirs, a customer those
 * to their own. Subscriptions and webhook deliveries apply it to each event (changeVisibleTo), the event
 * log's query turns it into a where clause (auth/visible-rows.ts `visibleEvents`): one rule for all. A
 * subscription reads work orders `direct`; a webhook delivery carries them `nested`, in the endpoint its
 * owner made.
 */
export type ChangeAudience =
  | { kind: 'none' }
  | { kind: 'organization' }
  | { kind: 'owner'; field: 'customerId' | 'technicianId'; id: string };

export function changeAudienceOf(caller: Caller, reach: Reach = 'direct'): ChangeAudience {
  const access = accessOf(caller);
  if (!access.reads('WorkOrder', reach)) return { kind: 'none' };
  if (access.rows === 'organization') return { kind: 'organization' };
  const owner = ownerOf(caller);
  if (!owner) return { kind: 'none' };
  return 'customerId' in owner
    ? { kind: 'owner', field: 'customerId', id: owner.customerId }
    : { kind: 'owner', field: 'technicianId', id: owner.technicianId };
}

/** May this caller receive this change? */
export function changeVisibleTo(caller: Caller, change: LoggedChange, reach: Reach = 'direct'): boolean {
  if (change.organizationId !== caller.organizationId) return false;
  const audience = changeAudienceOf(caller, reach);
  if (audience.kind !== 'owner') return audience.kind === 'organization';
  return sides(change).some((side) => side[audience.field] === audience.id);
}

/**
 * The work order just after a change, as this caller may read it. A job taken away from a technician
 * still reaches them, so that their views drop it, but what it became is no longer theirs: they read
 * it as they last had it, with only the move away (its technician and status) changed.
 */
export function afterVisibleTo(caller: Caller, change: Pick<LoggedChange, 'before' | 'after'>): WorkOrderSnapshot {
  const audience = changeAudienceOf(caller);
  const { before, after } = change;
  if (audience.kind !== 'owner' || !before || after[audience.field] === audience.id) return after;
  return { ...before, technicianId: after.technicianId, status: after.status };
}

/**
 * May this caller read the change's availability override? It says when and why the technician the
 * change booked is off (a reason may be personal), so of the callers who read availability, one who
 * reads only their own rows (a technician) reads it only when that technician is themselves.
 */
export function overrideVisibleTo(caller: Caller, change: Pick<LoggedChange, 'after'>): boolean {
  const access = accessOf(caller);
  if (!access.seesField('technicianAvailability')) return false;
  if (access.rows === 'organization') return true;
  const owner = ownerOf(caller);
  return owner !== null && 'technicianId' in owner && owner.technicianId === change.after.technicianId;
}

/**
 * Which seqs a caller is given, and so may resume after (`after`, `afterSeq`): the organization's latest
 * (`lastEventSeq`, `Schedule.lastSeq`) to whoever reads the schedule, else only the seqs of the events it
 * may see. A seq past those was never given to it: another organization's, or one kept from before the log
 * was numbered per organization. Resuming after it would skip every event until the log reached it, so it
 * is refused. The bound of those who do not read the schedule is their own latest event, not the
 * organization's, which refusals would otherwise tell them one guess at a time, as lastEventSeq would.
 */
export function seqsGivenTo(caller: Caller): 'organization' | 'visible' {
  return accessOf(caller).reads('Schedule', 'direct') ? 'organization' : 'visible';
}

/**
 * Why a seq to resume after was refused. Whoever is given the organization's seqs is told its latest, to
 * resume from; the others are not (see seqsGivenTo).
 */
export function seqNotGiven(organizationLatest: bigint | null): string {
  const refused = "No event you may see has this seq or a later one: resume from a seq this organization's log gave you (the last one you processed)";
  return organizationLatest === null ? refused : `${refused}; its latest is seq ${organizationLatest}`;
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
