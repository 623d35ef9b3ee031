import { encodeGlobalID } from '@pothos/plugin-relay';
import { visibleInternalNotes } from '../domain/permissions.js';
import type { WorkOrderSnapshot } from '../domain/work-order.js';
import { builder } from './builder.js';
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
    priceMinor: t.exposeInt('priceMinor'),
    durationMinutes: t.exposeInt('durationMinutes'),
    customerNotes: t.exposeString('customerNotes', { nullable: true }),
    internalNotes: t.string({
      nullable: true,
      resolve: (s, _args, context) => visibleInternalNotes(context.caller, s.internalNotes),
    }),
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
    workOrder: t.relation('workOrder'),
  }),
});
