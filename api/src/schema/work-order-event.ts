import { encodeGlobalID } from '@pothos/plugin-relay';
import { workOrderVisibleTo } from '../auth/visible-rows.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { WorkOrderRef } from './work-order.js';
import { WorkOrderEventTypeEnum, WorkOrderStatusEnum } from './enums.js';
import { AvailabilityOverrideRef } from './availability.js';
import type { AvailabilityOverride } from '../domain/availability.js';
import { afterVisibleTo, overrideVisibleTo } from '../domain/event-visibility.js';
import { answeredSnapshot, snapshotsOf, type AnsweredSnapshot } from '../events/snapshot.js';

/** What every seq of the schema is, said once. */
export const SEQ_RULES =
  'a decimal string of a 64-bit integer, the organization\'s own: its events are numbered 1, 2, 3… in commit order, and the caller sees gaps only where events it may not see are: compare seqs as numbers (BigInt), never as text';

const SnapshotRef = builder.objectRef<AnsweredSnapshot>('WorkOrderSnapshot').implement({
  description: 'A work order as it was just before or just after an event',
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'The human number' }),
    status: t.field({ type: WorkOrderStatusEnum, description: 'Its status then', resolve: (s) => s.status }),
    version: t.exposeInt('version', { description: 'Its version then' }),
    windowStart: t.field({ type: 'DateTime', description: 'Its window start then', resolve: (s) => new Date(s.windowStart) }),
    windowEnd: t.field({ type: 'DateTime', description: 'Its window end then', resolve: (s) => new Date(s.windowEnd) }),
    technicianId: t.exposeID('technicianId', { nullable: true, description: 'The Technician ID it had then; null while unassigned' }),
    serviceTypeId: t.exposeID('serviceTypeId', { description: 'The ServiceType ID it had then' }),
    vehicleId: t.exposeID('vehicleId', { description: 'The Vehicle ID it had then' }),
    priceMinor: t.exposeInt('priceMinor', { description: 'Its price then, in minor units' }),
    durationMinutes: t.exposeInt('durationMinutes', { description: 'Its duration then, in minutes' }),
    customerNotes: t.exposeString('customerNotes', { nullable: true, description: 'Its customer notes then; null when there were none' }),
    internalNotes: t.exposeString('internalNotes', { nullable: true, description: 'Its internal notes then: null for customers, and when there were none' }),
    cancelReason: t.exposeString('cancelReason', { nullable: true, description: 'Why it was canceled; null unless it was CANCELED then' }),
  }),
});

export const WorkOrderEventRef = builder.prismaObject('WorkOrderEvent', {
  description: 'One change of a work order, as logged: the log is append-only, and it is what subscriptions deliver',
  fields: (t) => ({
    seq: t.string({
      description: `The sequence number: pass the last one seen as \`after\` to resume. A seq is ${SEQ_RULES}`,
      resolve: (e) => e.seq.toString(),
    }),
    type: t.expose('type', { type: WorkOrderEventTypeEnum, description: 'What kind of change' }),
    actorName: t.exposeString('actorName', { description: 'Who made it: the user\'s or the API key\'s name at the time' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was committed' }),
    before: t.field({
      type: SnapshotRef,
      nullable: true,
      description: 'The work order just before; null for CREATED',
      resolve: (e) => {
        const { before } = snapshotsOf(e);
        return before && answeredSnapshot(before);
      },
    }),
    after: t.field({
      type: SnapshotRef,
      description: 'The work order just after; a technician reads a job taken away from them as they had it, with only its new technician and status',
      resolve: (e, _args, context) => answeredSnapshot(afterVisibleTo(callerOf(context), snapshotsOf(e))),
    }),
    availabilityOverride: t.field({
      type: AvailabilityOverrideRef,
      nullable: true,
      description:
        'Set when the change booked the technician outside their hours or in their time off on purpose; a technician reads it only when they are the technician booked',
      resolve: (e, _args, context) =>
        overrideVisibleTo(callerOf(context), snapshotsOf(e)) ? (e.availabilityOverride as AvailabilityOverride | null) : null,
    }),
    workOrderId: t.id({
      description: 'Which work order changed, even when the caller may no longer see it',
      resolve: (event) => encodeGlobalID('WorkOrder', event.workOrderId),
    }),
    workOrder: t.field({
      type: WorkOrderRef,
      nullable: true,
      description: 'The work order as it is now; null when the caller may no longer see it (a job reassigned away from a technician)',
      select: (_args, _context, nestedSelection) => ({ workOrder: nestedSelection(true) }),
      resolve: (event, _args, context) => (workOrderVisibleTo(callerOf(context), event.workOrder) ? event.workOrder : null),
    }),
  }),
});
