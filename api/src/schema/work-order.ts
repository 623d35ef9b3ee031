import { z } from 'zod';
import { atMost } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { can } from '../domain/permissions.js';
import { isEditable, movesAhead, nextStatuses, type StatusMoves } from '../domain/status.js';
import { workOrderLabel } from '../domain/work-order.js';
import { visibleEvents, visibleWorkOrders } from '../auth/visible-rows.js';
import { workOrderFilterWhere } from '../services/work-order-filters.js';
import { builder } from './builder.js';
import { connectionType, keysetConnection } from './connection.js';
import { callerOf } from '../context.js';
import { WorkOrderStatusEnum } from './enums.js';
import { ConflictErrorRef } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { MoneyRef } from './money.js';
import { orderArgument } from './ordering.js';

const StatusMovesRef = builder.objectRef<StatusMoves>('StatusMoves').implement({
  description: 'The statuses the caller may move a work order to from one status',
  fields: (t) => ({
    from: t.field({ type: WorkOrderStatusEnum, description: 'A status the work order is in, or can be taken to by this caller', resolve: (moves) => moves.from }),
    to: t.field({ type: [WorkOrderStatusEnum], description: 'Where this caller may move it from there; empty from a terminal status', resolve: (moves) => moves.to }),
  }),
});

export const WorkOrderRef = builder.prismaNode('WorkOrder', {
  description:
    "A job: one service for one customer's vehicle at one of their addresses, in a time window, with a status. Office staff and read keys see all of the organization's; a technician their own; a customer their own",
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleWorkOrders(callerOf(context))] }),
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'The human number within the organization, e.g. 1042 (shown as WO-1042); never reused' }),
    label: t.string({ description: 'The human number as people write it, e.g. WO-1042', resolve: (wo) => workOrderLabel(wo.number) }),
    status: t.expose('status', { type: WorkOrderStatusEnum, description: 'Where the job is in the status machine' }),
    version: t.exposeInt('version', {
      description: 'Starts at 1 and increases by one with every change; send it as expectedVersion to refuse a write over a change you have not seen',
    }),
    cancelReason: t.exposeString('cancelReason', { nullable: true, description: 'Why it was canceled; null unless the status is CANCELED' }),
    windowStart: t.expose('windowStart', { type: 'DateTime', description: 'When the technician is due, an instant (UTC; show it in the organization\'s zone)' }),
    windowEnd: t.expose('windowEnd', { type: 'DateTime', description: 'When the booked time ends: after windowStart, at most 24 hours later' }),
    durationMinutes: t.exposeInt('durationMinutes', { description: 'How long the service takes, in minutes (1 to 1440)' }),
    priceMinor: t.exposeInt('priceMinor', { description: "The price in minor units (cents) of the organization's currency" }),
    price: t.field({
      type: MoneyRef,
      description: 'The price with its currency, and formatted',
      select: { priceMinor: true, organization: { select: { currency: true } } },
      resolve: (wo) => ({ amountMinor: wo.priceMinor, currency: wo.organization.currency }),
    }),
    customerNotes: t.exposeString('customerNotes', { nullable: true, description: 'Notes the customer sees too; null when there are none' }),
    internalNotes: t.exposeString('internalNotes', {
      nullable: true,
      description: 'Notes for the team only: null for customers and for keys without READ or WRITE_WORK_ORDERS, and when there are none',
    }),
    customer: t.relation('customer', { description: 'Whose job it is' }),
    vehicle: t.relation('vehicle', { description: "The vehicle serviced, one of the customer's" }),
    serviceAddress: t.relation('serviceAddress', { description: "Where the technician goes, one of the customer's addresses" }),
    serviceType: t.relation('serviceType', { description: 'What is done' }),
    technician: t.relation('technician', { nullable: true, description: 'Who does it; null while unassigned' }),
    events: t.relation('events', {
      description:
        'Its changes the caller may see, oldest first: the status timeline and audit trail. The same events as the event log (`events`) and the subscriptions give the caller: a technician does not see the changes made while the job was somebody else\'s',
      query: (_args, context) => ({ where: visibleEvents(callerOf(context), 'nested'), orderBy: { seq: 'asc' } }),
    }),
    invoice: t.relation('invoice', { nullable: true, description: 'Issued when the job is COMPLETED; null before' }),
    canEdit: t.boolean({
      description: 'Whether this caller may reschedule, reassign or edit it now (updateWorkOrder): they may write work orders and it is still SCHEDULED',
      select: { status: true },
      resolve: (wo, _args, context) => can(context.caller, 'writeWorkOrders') && isEditable(wo.status),
    }),
    nextStatuses: t.field({
      type: [WorkOrderStatusEnum],
      description:
        'The statuses this caller may move it to now with transitionWorkOrder, in the order of the status machine; CANCELED (which needs a reason) for office callers while it is not terminal',
      select: { status: true, technicianId: true },
      resolve: (wo, _args, context) => nextStatuses(callerOf(context), wo),
    }),
    movesAhead: t.field({
      type: [StatusMovesRef],
      description:
        'For its status and each status the caller can take it to from there, the moves they may make: lets a phone queue several steps offline',
      select: { status: true, technicianId: true },
      resolve: (wo, _args, context) => movesAhead(callerOf(context), wo),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was booked' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed' }),
  }),
});

export const WorkOrderConnectionRef = connectionType(WorkOrderRef, 'WorkOrder', 'work orders');

builder.objectField(ConflictErrorRef, 'conflictingWorkOrder', (t) =>
  t.prismaField({
    type: 'WorkOrder',
    nullable: true,
    description: 'The job already booked in that window; null when the caller may not see it',
    resolve: (query, error, _args, context) =>
      context.prisma.workOrder.findFirst({ ...query, where: { id: error.conflictingWorkOrderId, ...visibleWorkOrders(callerOf(context)) } }),
  }),
);

const WorkOrderFilterInput = builder.inputType('WorkOrderFilter', {
  description: 'Which work orders a list holds: every given field must match (AND); an omitted or null field does not filter',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: "The first day, in the organization's zone: work orders whose window ends after it starts" }),
    to: t.field({ type: 'Date', description: "The last day (inclusive), in the organization's zone: work orders whose window starts before it ends" }),
    technicianId: t.id({ description: "Only this technician's (a Technician ID)", validate: globalIdOf('Technician').nullish() }),
    unassigned: t.boolean({ description: 'true: only work orders without a technician' }),
    customerId: t.id({ description: "Only this customer's (a Customer ID)", validate: globalIdOf('Customer').nullish() }),
    statuses: t.field({ type: [WorkOrderStatusEnum], description: 'Only work orders in one of these statuses (at most 100 listed)' }),
    search: t.string({
      description: `A work order number ("WO-1042" or "1042"), part of the customer's name, or of the vehicle's plate or VIN; at most ${MAX_CHARACTERS.search} characters`,
      validate: z.string().superRefine(atMost(MAX_CHARACTERS.search)).nullish(),
    }),
  }),
});

const workOrderOrder = orderArgument(
  'WorkOrder',
  'work orders',
  {
    WINDOW_START: { key: { field: 'windowStart', kind: 'timestamp' }, description: 'By the start of the window (the default)' },
    NUMBER: { key: { field: 'number', kind: 'integer' }, description: 'By the human number, that is, in booking order' },
    CREATED_AT: { key: { field: 'createdAt', kind: 'timestamp' }, description: 'By when it was booked' },
    UPDATED_AT: { key: { field: 'updatedAt', kind: 'timestamp' }, description: 'By when it last changed' },
  },
  'WINDOW_START',
);

const workOrderPages = keysetConnection('Query.workOrders', workOrderOrder.resolve(null).order);

builder.queryFields((t) => ({
  workOrders: t.connection(
    {
      type: WorkOrderRef,
      description: 'The work orders the caller may see, filtered and sorted, a page at a time',
      authScopes: { reads: 'WorkOrder' },
      args: {
        filter: t.arg({ type: WorkOrderFilterInput, description: 'Which work orders; all of them when omitted' }),
        orderBy: t.arg({
          type: workOrderOrder.input,
          description: 'The order of the list; by window start, earliest first, when omitted or null',
          defaultValue: workOrderOrder.defaultValue,
        }),
      },
      resolve: async (_root, args, context, info) => {
        const { name, order } = workOrderOrder.resolve(args.orderBy);
        const where = await workOrderFilterWhere(context.prisma, callerOf(context), args.filter ?? {});
        return workOrderPages.resolve({ args, context, info, listArgs: { filter: args.filter, orderBy: name }, where, order }, {
          findMany: (query) => context.prisma.workOrder.findMany(query),
          count: (visible) => context.prisma.workOrder.count({ where: visible }),
        });
      },
    },
    WorkOrderConnectionRef,
  ),
  workOrder: t.prismaField({
    type: 'WorkOrder',
    nullable: true,
    description: 'One work order by ID; null when it names nothing the caller may see',
    authScopes: { reads: 'WorkOrder' },
    args: { id: t.arg.id({ required: true, description: 'A WorkOrder ID; anything else is BAD_USER_INPUT', validate: globalIdOf('WorkOrder') }) },
    resolve: (query, _root, { id }, context) =>
      context.prisma.workOrder.findFirst({ ...query, where: { id: String(id), ...visibleWorkOrders(callerOf(context)) } }),
  }),
}));
