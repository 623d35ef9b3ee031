import { z } from 'zod';
import { atMost } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import {
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReuseError,
  InvalidTransitionError,
  NotEditableError,
  NotFoundError,
  OutsideAvailabilityError,
  StaleWriteError,
  ValidationError,
} from '../domain/errors.js';
import { MAX_CANCEL_REASON_LENGTH } from '../domain/status.js';
import { runCommand } from '../services/command.js';
import { createWorkOrder } from '../services/work-orders/create.js';
import { transitionWorkOrder } from '../services/work-orders/transition.js';
import { updateWorkOrder } from '../services/work-orders/update.js';
import { builder } from './builder.js';
import { callerOf, type Context } from '../context.js';
import { WorkOrderStatusEnum } from './enums.js';
import { resultOf } from './errors.js';
import { globalIdOf } from './ids.js';

const notes = z.string().superRefine(atMost(MAX_CHARACTERS.workOrderNotes)).nullish();
const price = z.number().int().min(0, 'A price cannot be negative').max(100_000_000);
const duration = z.number().int().min(1, 'At least one minute').max(24 * 60, 'At most a day');
const version = z.number().int().min(1);
const overrideAvailabilityDescription =
  "Book even outside the technician's working hours or in their time off (otherwise OutsideAvailabilityError); the event records the override";
const idempotencyKey = z.string().min(1).superRefine(atMost(MAX_CHARACTERS.idempotencyKey));
const idempotencyKeyDescription =
  `Any text of 1 to ${MAX_CHARACTERS.idempotencyKey} characters. A retry with the same key and input returns the first result instead of running again; the same key with another input is IdempotencyKeyReuseError. The key is the caller's own and this mutation's`;
const expectedVersionDescription = 'The version you last read: if the work order has changed since, nothing is written and the answer is StaleWriteError';

const CreateWorkOrderInput = builder.inputType('CreateWorkOrderInput', {
  description: "A new work order. The vehicle and the address must be the customer's; the technician, if given, must be free for the whole window",
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'A Customer ID', validate: globalIdOf('Customer') }),
    vehicleId: t.id({ required: true, description: "A Vehicle ID, one of the customer's", validate: globalIdOf('Vehicle') }),
    serviceTypeId: t.id({ required: true, description: 'A ServiceType ID that is not archived', validate: globalIdOf('ServiceType') }),
    serviceAddressId: t.id({ required: true, description: "A ServiceAddress ID, one of the customer's", validate: globalIdOf('ServiceAddress') }),
    technicianId: t.id({ description: 'A Technician ID that is active; omitted or null leaves the job unassigned', validate: globalIdOf('Technician').nullish() }),
    windowStart: t.field({ type: 'DateTime', required: true, description: 'When the technician is due (an instant; send it with its offset)' }),
    windowEnd: t.field({ type: 'DateTime', description: 'When the booked time ends, after windowStart and at most 24 hours later; defaults to windowStart + durationMinutes' }),
    priceMinor: t.int({ description: "The price in minor units (cents), 0 to 100000000; defaults to the service type's price", validate: price.nullish() }),
    durationMinutes: t.int({ description: "Minutes, 1 to 1440; defaults to the service type's duration", validate: duration.nullish() }),
    customerNotes: t.string({ description: `Notes the customer sees too, at most ${MAX_CHARACTERS.workOrderNotes} characters`, validate: notes }),
    internalNotes: t.string({ description: `Notes for the team only, at most ${MAX_CHARACTERS.workOrderNotes} characters`, validate: notes }),
    overrideAvailability: t.boolean({ description: overrideAvailabilityDescription }),
  }),
});

const UpdateWorkOrderInput = builder.inputType('UpdateWorkOrderInput', {
  description:
    'Reschedule, reassign or edit a work order that is still SCHEDULED. Omitted fields keep their value (a new service type keeps the price and duration unless they are given too).',
  fields: (t) => ({
    id: t.id({ required: true, description: 'A WorkOrder ID', validate: globalIdOf('WorkOrder') }),
    expectedVersion: t.int({ description: expectedVersionDescription, validate: version.nullish() }),
    vehicleId: t.id({ description: "One of the work order's customer's vehicles", validate: globalIdOf('Vehicle').nullish() }),
    serviceTypeId: t.id({ description: 'A ServiceType ID; an archived one only if it is the current one', validate: globalIdOf('ServiceType').nullish() }),
    serviceAddressId: t.id({ description: "One of the work order's customer's addresses", validate: globalIdOf('ServiceAddress').nullish() }),
    technicianId: t.id({ description: 'A Technician ID who is free for the window; null unassigns', validate: globalIdOf('Technician').nullish() }),
    windowStart: t.field({ type: 'DateTime', description: 'A new start; the window keeps its length unless windowEnd is given too' }),
    windowEnd: t.field({ type: 'DateTime', description: 'A new end, after windowStart and at most 24 hours later' }),
    priceMinor: t.int({ description: 'A new price in minor units (cents), 0 to 100000000', validate: price.nullish() }),
    durationMinutes: t.int({ description: 'A new duration in minutes, 1 to 1440', validate: duration.nullish() }),
    customerNotes: t.string({ description: `New notes the customer sees, at most ${MAX_CHARACTERS.workOrderNotes} characters; null clears them`, validate: notes }),
    internalNotes: t.string({ description: `New notes for the team, at most ${MAX_CHARACTERS.workOrderNotes} characters; null clears them`, validate: notes }),
    overrideAvailability: t.boolean({ description: overrideAvailabilityDescription }),
  }),
});

const TransitionWorkOrderInput = builder.inputType('TransitionWorkOrderInput', {
  description: "Moves a work order to another status along the status machine; WorkOrder.nextStatuses lists the caller's moves",
  fields: (t) => ({
    id: t.id({ required: true, description: 'A WorkOrder ID', validate: globalIdOf('WorkOrder') }),
    status: t.field({ type: WorkOrderStatusEnum, required: true, description: 'The status to move it to' }),
    reason: t.string({
      description: `Why it is canceled, 1 to ${MAX_CANCEL_REASON_LENGTH} characters (an emoji or an accented letter counts one): required with status CANCELED, refused with any other status`,
    }),
    expectedVersion: t.int({ description: expectedVersionDescription, validate: version.nullish() }),
    idempotencyKey: t.string({ description: idempotencyKeyDescription, validate: idempotencyKey.nullish() }),
  }),
});

const workOrderField = { name: 'workOrder', description: 'The work order as it is after the change' };

/** The written work order, read again with the client's selection (relations included). */
const withSelection = async (context: Context, query: object, written: Promise<{ id: string }>) =>
  context.prisma.workOrder.findUniqueOrThrow({ ...query, where: { id: (await written).id } });

// The errors each service can throw (services/work-orders.ts), with the input rules' ValidationError and
// the permission checks' ForbiddenError.
builder.mutationFields((t) => ({
  createWorkOrder: t.prismaField({
    type: 'WorkOrder',
    description: 'Books a work order (needs WRITE_WORK_ORDERS); its price and duration default to the service type\'s',
    authScopes: { signedIn: true },
    errors: resultOf('createWorkOrder', [ValidationError, ForbiddenError, ConflictError, OutsideAvailabilityError], workOrderField),
    args: { input: t.arg({ type: CreateWorkOrderInput, required: true, description: 'The new work order' }) },
    resolve: (query, _root, { input }, context) => withSelection(context, query, runCommand(context, callerOf(context), createWorkOrder, input)),
  }),
  updateWorkOrder: t.prismaField({
    type: 'WorkOrder',
    description: 'Reschedules, reassigns or edits a SCHEDULED work order (needs WRITE_WORK_ORDERS); a change to nothing writes nothing',
    authScopes: { signedIn: true },
    errors: resultOf(
      'updateWorkOrder',
      [ValidationError, ForbiddenError, NotFoundError, StaleWriteError, NotEditableError, ConflictError, OutsideAvailabilityError],
      workOrderField,
    ),
    args: { input: t.arg({ type: UpdateWorkOrderInput, required: true, description: 'The work order and its changes' }) },
    resolve: (query, _root, { input }, context) => withSelection(context, query, runCommand(context, callerOf(context), updateWorkOrder, input)),
  }),
  transitionWorkOrder: t.prismaField({
    type: 'WorkOrder',
    description:
      'Moves a work order to another status: the assigned technician and the office along the job, the office (and WRITE_WORK_ORDERS keys) to CANCELED with a reason. Completing it issues the invoice. Of two concurrent moves exactly one wins',
    authScopes: { signedIn: true },
    errors: resultOf(
      'transitionWorkOrder',
      [ValidationError, ForbiddenError, NotFoundError, StaleWriteError, InvalidTransitionError, IdempotencyKeyReuseError],
      workOrderField,
    ),
    args: { input: t.arg({ type: TransitionWorkOrderInput, required: true, description: 'The work order and the status to move it to' }) },
    resolve: (query, _root, { input: { reason, ...input } }, context) =>
      withSelection(context, query, runCommand(context, callerOf(context), transitionWorkOrder, { ...input, cancelReason: reason })),
  }),
}));
