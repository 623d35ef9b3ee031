import { z } from 'zod';
import { can, transitionActor } from '../domain/permissions.js';
import { movesAhead, nextStatuses, type StatusMoves } from '../domain/status.js';
import { isEditable, workOrderLabel } from '../domain/work-order.js';
import { workOrderScope } from '../auth/scopes.js';
import { workOrderFilterWhere } from '../services/work-order-filters.js';
import { builder } from './builder.js';
import { keysetConnection } from './connection.js';
import { callerOf } from '../context.js';
import { WorkOrderStatusEnum } from './enums.js';
import { ConflictErrorRef } from './errors.js';
import { globalIdOf, rowIdOf, safeRowId } from './ids.js';
import { MoneyRef } from './money.js';

const StatusMovesRef = builder.objectRef<StatusMoves>('StatusMoves').implement({
  description: 'The statuses the caller may move a work order to from one status',
  fields: (t) => ({
    from: t.field({ type: WorkOrderStatusEnum, resolve: (moves) => moves.from }),
    to: t.field({ type: [WorkOrderStatusEnum], resolve: (moves) => moves.to }),
  }),
});

export const WorkOrderRef = builder.prismaNode('WorkOrder', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [workOrderScope(callerOf(context))] }),
  fields: (t) => ({
    number: t.exposeInt('number'),
    label: t.string({ description: 'The human number, e.g. WO-1042', resolve: (wo) => workOrderLabel(wo.number) }),
    status: t.expose('status', { type: WorkOrderStatusEnum }),
    version: t.exposeInt('version', { description: 'Increases with every change; pass it back as expectedVersion' }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
    windowStart: t.expose('windowStart', { type: 'DateTime' }),
    windowEnd: t.expose('windowEnd', { type: 'DateTime' }),
    durationMinutes: t.exposeInt('durationMinutes'),
    priceMinor: t.exposeInt('priceMinor'),
    price: t.field({
      type: MoneyRef,
      select: { priceMinor: true, organization: { select: { currency: true } } },
      resolve: (wo) => ({ amountMinor: wo.priceMinor, currency: wo.organization.currency }),
    }),
    customerNotes: t.exposeString('customerNotes', { nullable: true, description: 'Visible to the customer' }),
    internalNotes: t.exposeString('internalNotes', { nullable: true, description: 'Visible only to the team: null for customers' }),
    customer: t.relation('customer'),
    vehicle: t.relation('vehicle'),
    serviceAddress: t.relation('serviceAddress'),
    serviceType: t.relation('serviceType'),
    technician: t.relation('technician', { nullable: true }),
    events: t.relation('events', { description: 'The status timeline and audit trail, oldest first', query: { orderBy: { seq: 'asc' } } }),
    invoice: t.relation('invoice', { nullable: true }),
    canEdit: t.boolean({
      description: 'Whether this caller may reschedule, reassign or edit it now',
      select: { status: true },
      resolve: (wo, _args, context) => can(context.caller, 'writeWorkOrders') && isEditable(wo.status),
    }),
    nextStatuses: t.field({
      type: [WorkOrderStatusEnum],
      description: 'The statuses the caller may move this work order to now',
      select: { status: true, technicianId: true },
      resolve: (wo, _args, context) => nextStatuses(wo.status, transitionActor(callerOf(context), wo)),
    }),
    movesAhead: t.field({
      type: [StatusMovesRef],
      description:
        'For its status and each status the caller can take it to from there, the moves they may make: lets a phone queue several steps offline',
      select: { status: true, technicianId: true },
      resolve: (wo, _args, context) => movesAhead(wo.status, transitionActor(callerOf(context), wo)),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.objectField(ConflictErrorRef, 'conflictingWorkOrder', (t) =>
  t.prismaField({
    type: 'WorkOrder',
    nullable: true,
    description: 'The job already booked in that window',
    resolve: (query, error, _args, context) =>
      context.prisma.workOrder.findFirst({ ...query, where: { id: error.conflictingWorkOrderId, ...workOrderScope(callerOf(context)) } }),
  }),
);

const WorkOrderFilterInput = builder.inputType('WorkOrderFilter', {
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'First day, in the organization\'s zone' }),
    to: t.field({ type: 'Date', description: 'Last day (inclusive)' }),
    technicianId: t.id({ validate: globalIdOf('Technician').nullish() }),
    unassigned: t.boolean(),
    customerId: t.id({ validate: globalIdOf('Customer').nullish() }),
    statuses: t.field({ type: [WorkOrderStatusEnum] }),
    search: t.string({
      description: 'A work order number ("WO-1042" or "1042"), part of the customer\'s name, or of the vehicle\'s plate or VIN',
      validate: z.string().max(100, 'At most 100 characters').nullish(),
    }),
  }),
});

/** The work orders of a list, earliest window first. */
const workOrderPages = keysetConnection('Query.workOrders', [
  { field: 'windowStart', direction: 'asc', kind: 'timestamp' },
  { field: 'id', direction: 'asc', kind: 'text' },
]);

builder.queryFields((t) => ({
  workOrders: t.connection({
    type: WorkOrderRef,
    authScopes: { reads: 'WorkOrder' },
    args: { filter: t.arg({ type: WorkOrderFilterInput }) },
    resolve: (_root, args, context, info) =>
      workOrderPages.resolve({ args, context, info, listArgs: { filter: args.filter } }, async ({ where, ...page }) =>
        context.prisma.workOrder.findMany({
          ...page,
          where: { AND: [await workOrderFilterWhere(context.prisma, callerOf(context), args.filter ?? {}), where] },
        }),
      ),
  }),
  workOrder: t.prismaField({
    type: 'WorkOrder',
    nullable: true,
    authScopes: { reads: 'WorkOrder' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, context) => {
      const rowId = rowIdOf(String(id), 'WorkOrder');
      return rowId ? context.prisma.workOrder.findFirst({ ...query, where: { id: rowId, ...workOrderScope(callerOf(context)) } }) : null;
    },
  }),
}));
