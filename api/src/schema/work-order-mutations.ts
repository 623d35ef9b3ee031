import { z } from 'zod';
import { createWorkOrder, transitionWorkOrder, updateWorkOrder } from '../services/work-orders.js';
import { builder } from './builder.js';
import { callerOf, type Context } from '../context.js';
import { WorkOrderStatusEnum } from './enums.js';
import { IDEMPOTENT_WORK_ORDER_ERRORS, WORK_ORDER_ERRORS } from './errors.js';
import { globalIdOf } from './ids.js';

const notes = z.string().max(4000, 'At most 4000 characters').nullish();
const price = z.number().int().min(0, 'A price cannot be negative').max(100_000_000);
const duration = z.number().int().min(1, 'At least one minute').max(24 * 60, 'At most a day');
const version = z.number().int().min(1);
const idempotencyKey = z.string().min(1).max(200);
const idempotencyKeyDescription = "A retry with the same key and input returns the first result. The key is the caller's own and this mutation's";

const CreateWorkOrderInput = builder.inputType('CreateWorkOrderInput', {
  fields: (t) => ({
    customerId: t.id({ required: true, validate: globalIdOf('Customer') }),
    vehicleId: t.id({ required: true, validate: globalIdOf('Vehicle') }),
    serviceTypeId: t.id({ required: true, validate: globalIdOf('ServiceType') }),
    serviceAddressId: t.id({ required: true, validate: globalIdOf('ServiceAddress') }),
    technicianId: t.id({ validate: globalIdOf('Technician').nullish() }),
    windowStart: t.field({ type: 'DateTime', required: true }),
    windowEnd: t.field({ type: 'DateTime', description: 'Defaults to windowStart + durationMinutes' }),
    priceMinor: t.int({ description: "Defaults to the service type's price", validate: price.nullish() }),
    durationMinutes: t.int({ description: "Defaults to the service type's duration", validate: duration.nullish() }),
    customerNotes: t.string({ validate: notes }),
    internalNotes: t.string({ validate: notes }),
  }),
});

const UpdateWorkOrderInput = builder.inputType('UpdateWorkOrderInput', {
  description:
    'Reschedule, reassign or edit a work order that is still SCHEDULED. Omitted fields keep their value (a new service type keeps the price and duration unless they are given too).',
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('WorkOrder') }),
    expectedVersion: t.int({ validate: version.nullish() }),
    vehicleId: t.id({ description: "One of the work order's customer's vehicles", validate: globalIdOf('Vehicle').nullish() }),
    serviceTypeId: t.id({ validate: globalIdOf('ServiceType').nullish() }),
    serviceAddressId: t.id({ validate: globalIdOf('ServiceAddress').nullish() }),
    technicianId: t.id({ description: 'null unassigns', validate: globalIdOf('Technician').nullish() }),
    windowStart: t.field({ type: 'DateTime' }),
    windowEnd: t.field({ type: 'DateTime' }),
    priceMinor: t.int({ validate: price.nullish() }),
    durationMinutes: t.int({ validate: duration.nullish() }),
    customerNotes: t.string({ validate: notes }),
    internalNotes: t.string({ validate: notes }),
  }),
});

const TransitionWorkOrderInput = builder.inputType('TransitionWorkOrderInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('WorkOrder') }),
    status: t.field({ type: WorkOrderStatusEnum, required: true }),
    expectedVersion: t.int({ validate: version.nullish() }),
    idempotencyKey: t.string({ description: idempotencyKeyDescription, validate: idempotencyKey.nullish() }),
  }),
});

const CancelWorkOrderInput = builder.inputType('CancelWorkOrderInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: globalIdOf('WorkOrder') }),
    reason: t.string({ required: true, validate: z.string().trim().min(1, 'A cancellation needs a reason').max(500) }),
    expectedVersion: t.int({ validate: version.nullish() }),
    idempotencyKey: t.string({ description: idempotencyKeyDescription, validate: idempotencyKey.nullish() }),
  }),
});

const result = { types: WORK_ORDER_ERRORS, dataField: { name: 'workOrder' } };
const idempotentResult = { types: IDEMPOTENT_WORK_ORDER_ERRORS, dataField: { name: 'workOrder' } };

/** The written work order, read again with the client's selection (relations included). */
const withSelection = async (context: Context, query: object, written: Promise<{ id: string }>) =>
  context.prisma.workOrder.findUniqueOrThrow({ ...query, where: { id: (await written).id } });

builder.mutationFields((t) => ({
  createWorkOrder: t.prismaField({
    type: 'WorkOrder',
    authScopes: { signedIn: true },
    errors: result,
    args: { input: t.arg({ type: CreateWorkOrderInput, required: true }) },
    resolve: (query, _root, { input }, context) => withSelection(context, query, createWorkOrder(context.prisma, callerOf(context), input)),
  }),
  updateWorkOrder: t.prismaField({
    type: 'WorkOrder',
    authScopes: { signedIn: true },
    errors: result,
    args: { input: t.arg({ type: UpdateWorkOrderInput, required: true }) },
    resolve: (query, _root, { input }, context) => withSelection(context, query, updateWorkOrder(context.prisma, callerOf(context), input)),
  }),
  transitionWorkOrder: t.prismaField({
    type: 'WorkOrder',
    authScopes: { signedIn: true },
    errors: idempotentResult,
    args: { input: t.arg({ type: TransitionWorkOrderInput, required: true }) },
    resolve: (query, _root, { input }, context) => withSelection(context, query, transitionWorkOrder(context.prisma, callerOf(context), input)),
  }),
  cancelWorkOrder: t.prismaField({
    type: 'WorkOrder',
    authScopes: { signedIn: true },
    errors: idempotentResult,
    args: { input: t.arg({ type: CancelWorkOrderInput, required: true }) },
    resolve: (query, _root, { input: { reason, ...input } }, context) =>
      withSelection(context, query, transitionWorkOrder(context.prisma, callerOf(context), { ...input, status: 'CANCELED', cancelReason: reason })),
  }),
}));
