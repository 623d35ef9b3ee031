import { encodeGlobalID } from '@pothos/plugin-relay';
import type { WorkOrderSnapshot } from '../domain/work-order.js';
import { workOrderVisibleTo } from '../auth/scopes.js';
import { builder } from './builder.js';
import { callerOf } from '../context.js';
import { WorkOrderRef } from './work-order.js';
import { WorkOrderEventTypeEnum, WorkOrderStatusEnum } from './enums.js';

const SnapshotRef = builder.objectRef<WorkOrderSnapshot>('WorkOrderSnapshot').implement({
  description: 'A work order as it was just before or just after an event',
  fields: (t) => ({
    number: t.exposeInt('number'),
    status: t.field({ type: WorkOrderStatusEnum, resolve: (s) => s.status }),
    version: t.exposeInt('version'),
    windowStart: t.field({ type: 'DateTime', resolve: (s) => new Date(s.windowStart) }),
    windowEnd: t.field({ type: 'DateTime', resolve: (s) => new Date(s.windowEnd) }),
    technicianId: t.id({ nullable: true, resolve: (s) => (s.technicianId ? encodeGlobalID('Technician', s.technicianId) : null) }),
    serviceTypeId: t.id({ resolve: (s) => encodeGlobalID('ServiceType', s.serviceTypeId) }),
    vehicleId: t.id({ resolve: (s) => encodeGlobalID('Vehicle', s.vehicleId) }),
    priceMinor: t.exposeInt('priceMinor'),
    durationMinutes: t.exposeInt('durationMinutes'),
    customerNotes: t.exposeString('customerNotes', { nullable: true }),
    internalNotes: t.exposeString('internalNotes', { nullable: true, description: 'Visible only to the team: null for customers' }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
  }),
});

export const WorkOrderEventRef = builder.prismaObject('WorkOrderEvent', {
  fields: (t) => ({
    seq: t.string({ description: 'Global, increasing: pass the last one seen as `after` to resume', resolve: (e) => e.seq.toString() }),
    type: t.expose('type', { type: WorkOrderEventTypeEnum }),
    actorName: t.exposeString('actorName'),
    at: t.expose('at', { type: 'DateTime' }),
    before: t.field({ type: SnapshotRef, nullable: true, resolve: (e) => e.before as WorkOrderSnapshot | null }),
    after: t.field({ type: SnapshotRef, resolve: (e) => e.after as unknown as WorkOrderSnapshot }),
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
