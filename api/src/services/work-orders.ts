import type { PrismaClient, WorkOrder } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import { EXCLUSION_VIOLATION, postgresErrorCode } from '../db/errors.js';
import type { Caller } from '../domain/caller.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  StaleWriteError,
  ValidationError,
  type FieldError,
} from '../domain/errors.js';
import { can, transitionActor } from '../domain/permissions.js';
import { checkTransition, isActive, mayEverMoveTo, type WorkOrderStatus } from '../domain/status.js';
import { invoiceTotal } from '../domain/money.js';
import {
  editEventType,
  invoiceLinesFor,
  isChange,
  isEditable,
  moveWindow,
  planWindow,
  workOrderLabel,
  workOrderSnapshot,
} from '../domain/work-order.js';
import { workOrderScope } from '../auth/scopes.js';
import { appendEvent } from '../events/log.js';
import { runOnce, type IdempotentRequest, type IdempotentResponse } from './idempotency.js';
import { checkBooking } from './technician-availability.js';
import { loadReferences } from './references.js';

export interface CreateWorkOrderInput {
  customerId: string;
  vehicleId: string;
  serviceTypeId: string;
  serviceAddressId: string;
  technicianId?: string | null;
  windowStart: Date;
  windowEnd?: Date | null;
  priceMinor?: number | null;
  durationMinutes?: number | null;
  customerNotes?: string | null;
  internalNotes?: string | null;
  /** Book even outside the technician's hours or in their time off; the event records it. */
  overrideAvailability?: boolean | null;
}

export interface UpdateWorkOrderInput {
  id: string;
  expectedVersion?: number | null;
  vehicleId?: string | null;
  serviceTypeId?: string | null;
  serviceAddressId?: string | null;
  technicianId?: string | null;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  priceMinor?: number | null;
  durationMinutes?: number | null;
  customerNotes?: string | null;
  internalNotes?: string | null;
  overrideAvailability?: boolean | null;
}

export interface TransitionInput {
  id: string;
  status: WorkOrderStatus;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  cancelReason?: string | null;
}

function requireWrite(caller: Caller) {
  if (!can(caller, 'writeWorkOrders')) throw new ForbiddenError('Only the office can create or edit work orders');
}

/** Does the step of the spec page "Create work order": checks every reference, books, logs. */
export async function createWorkOrder(prisma: PrismaClient, caller: Caller, input: CreateWorkOrderInput): Promise<WorkOrder> {
  requireWrite(caller);
  const refs = await loadReferences(prisma, caller, input);
  const errors: FieldError[] = [...refs.errors];
  const window = refs.serviceType ? planWindow(input, refs.serviceType.defaultDurationMinutes) : null;
  if (window && 'field' in window) errors.push({ path: ['input', window.field], message: window.message });
  if (errors.length || !refs.serviceType || !window || 'field' in window) throw new ValidationError(errors);

  const serviceType = refs.serviceType;
  return bookOrExplainConflict(prisma, caller, input.technicianId ?? null, window, undefined, async (tx) => {
    const availabilityOverride = input.technicianId
      ? await checkBooking(tx, caller.organizationId, input.technicianId, window, input.overrideAvailability ?? false)
      : null;
    const { nextWorkOrderNumber: next } = await tx.organization.update({
      where: { id: caller.organizationId },
      data: { nextWorkOrderNumber: { increment: 1 } },
      select: { nextWorkOrderNumber: true },
    });
    const workOrder = await tx.workOrder.create({
      data: {
        organizationId: caller.organizationId,
        number: next - 1,
        customerId: input.customerId,
        vehicleId: input.vehicleId,
        serviceTypeId: input.serviceTypeId,
        serviceAddressId: input.serviceAddressId,
        technicianId: input.technicianId ?? null,
        priceMinor: input.priceMinor ?? serviceType.defaultPriceMinor,
        ...window,
        customerNotes: input.customerNotes ?? null,
        internalNotes: input.internalNotes ?? null,
      },
    });
    await appendEvent(tx, { caller, workOrderId: workOrder.id, type: 'CREATED', before: null, after: workOrderSnapshot(workOrder), availabilityOverride });
    return workOrder;
  });
}

/** Reschedule, reassign or edit a work order that has not started. */
export async function updateWorkOrder(prisma: PrismaClient, caller: Caller, input: UpdateWorkOrderInput): Promise<WorkOrder> {
  requireWrite(caller);
  const current = await findScoped(prisma, caller, input.id);
  if (input.expectedVersion != null && input.expectedVersion !== current.version) {
    throw new StaleWriteError(current.version, current.status);
  }
  if (!isEditable(current.status)) throw new InvalidTransitionError(current.status, current.status);

  const merged = {
    customerId: current.customerId,
    vehicleId: input.vehicleId ?? current.vehicleId,
    serviceAddressId: input.serviceAddressId ?? current.serviceAddressId,
    serviceTypeId: input.serviceTypeId ?? current.serviceTypeId,
    technicianId: input.technicianId === undefined ? current.technicianId : input.technicianId,
  };
  const refs = await loadReferences(prisma, caller, merged, current);
  const errors: FieldError[] = [...refs.errors];
  const moved = input.windowStart ? moveWindow(current, input.windowStart) : current;
  const window = planWindow(
    { windowStart: moved.windowStart, windowEnd: input.windowEnd ?? moved.windowEnd, durationMinutes: input.durationMinutes ?? current.durationMinutes },
    current.durationMinutes,
  );
  if ('field' in window) errors.push({ path: ['input', window.field], message: window.message });
  if (errors.length || 'field' in window) throw new ValidationError(errors);
  const edited = {
    ...merged,
    ...window,
    priceMinor: input.priceMinor ?? current.priceMinor,
    customerNotes: input.customerNotes === undefined ? current.customerNotes : input.customerNotes,
    internalNotes: input.internalNotes === undefined ? current.internalNotes : input.internalNotes,
  };
  if (!isChange(current, edited)) return current;
  const { technicianId } = merged;
  // Only a new time or a new technician books time; an edit of the notes of a job already out of hours does not.
  const rescheduled = window.windowStart.getTime() !== current.windowStart.getTime() || window.windowEnd.getTime() !== current.windowEnd.getTime();
  const books = technicianId !== null && (technicianId !== current.technicianId || rescheduled);

  return bookOrExplainConflict(prisma, caller, technicianId, window, current.id, async (tx) => {
    const availabilityOverride = books ? await checkBooking(tx, caller.organizationId, technicianId, window, input.overrideAvailability ?? false) : null;
    const { count } = await tx.workOrder.updateMany({
      where: { id: current.id, organizationId: caller.organizationId, version: current.version, status: 'SCHEDULED' },
      data: { ...edited, version: { increment: 1 } },
    });
    if (count === 0) {
      const found = await tx.workOrder.findUniqueOrThrow({ where: { id: current.id } });
      throw new StaleWriteError(found.version, found.status);
    }
    const updated = await tx.workOrder.findUniqueOrThrow({ where: { id: current.id } });
    await appendEvent(tx, {
      caller,
      workOrderId: updated.id,
      type: editEventType(current, updated),
      before: workOrderSnapshot(current),
      after: workOrderSnapshot(updated),
      availabilityOverride,
    });
    return updated;
  });
}

/** The mutation a transition came through: cancelWorkOrder is the one that carries a reason. */
const mutationOf = (input: TransitionInput) => (input.status === 'CANCELED' ? 'cancelWorkOrder' : 'transitionWorkOrder');

/** The request an idempotency key stands for, normalized, its fields in a fixed order. */
function idempotentRequest(input: TransitionInput): IdempotentRequest | null {
  if (!input.idempotencyKey) return null;
  return {
    key: input.idempotencyKey,
    operation: mutationOf(input),
    input: { id: input.id, status: input.status, expectedVersion: input.expectedVersion ?? null, reason: input.cancelReason?.trim() ?? null },
  };
}

/**
 * Moves a work order along the status machine with one conditional update: of two concurrent
 * requests exactly one wins, the other learns the status it found. Permission comes first; then a
 * retry carrying the caller's own idempotency key with the same input gets the first result.
 */
export async function transitionWorkOrder(prisma: PrismaClient, caller: Caller, input: TransitionInput): Promise<WorkOrder> {
  if (input.status === 'CANCELED' && !input.cancelReason?.trim()) {
    throw ValidationError.field(['input', 'reason'], 'A cancellation needs a reason');
  }
  const current = await findScoped(prisma, caller, input.id);
  if (!mayEverMoveTo(input.status, transitionActor(caller, current))) throw new ForbiddenError(`You may not move this work order to ${input.status}`);

  return runOnce(
    prisma,
    caller,
    idempotentRequest(input),
    (remember) => applyTransition(prisma, caller, current, input, remember),
    ({ workOrderId }) => findScoped(prisma, caller, workOrderId),
  );
}

async function applyTransition(
  prisma: PrismaClient,
  caller: Caller,
  current: WorkOrder,
  input: TransitionInput,
  remember: (tx: Transaction, response: IdempotentResponse) => Promise<void>,
): Promise<WorkOrder> {
  if (input.expectedVersion != null && input.expectedVersion !== current.version) {
    throw new StaleWriteError(current.version, current.status);
  }
  assertTransition(caller, current, input.status);

  return prisma.$transaction(async (tx) => {
    const [updated] = await tx.workOrder.updateManyAndReturn({
      where: { id: current.id, organizationId: caller.organizationId, status: current.status, version: current.version },
      data: {
        status: input.status,
        version: { increment: 1 },
        ...(input.status === 'CANCELED' ? { cancelReason: input.cancelReason!.trim() } : {}),
      },
    });
    if (!updated) throw await lostRace(tx, current.id, input.status);
    if (input.status === 'COMPLETED') await issueInvoice(tx, caller.organizationId, updated);
    await remember(tx, { workOrderId: updated.id });
    await appendEvent(tx, {
      caller,
      workOrderId: updated.id,
      type: 'STATUS_CHANGED',
      before: workOrderSnapshot(current),
      after: workOrderSnapshot(updated),
    });
    return updated;
  });
}

function assertTransition(caller: Caller, workOrder: WorkOrder, to: WorkOrderStatus) {
  const check = checkTransition(workOrder.status, to, transitionActor(caller, workOrder));
  if (check.ok) return;
  if (check.reason === 'FORBIDDEN') throw new ForbiddenError(`You may not move this work order to ${to}`);
  throw new InvalidTransitionError(workOrder.status, to);
}

/** The conditional update matched nothing: somebody else moved the work order first. */
async function lostRace(tx: Transaction, id: string, to: WorkOrderStatus) {
  const found = await tx.workOrder.findUniqueOrThrow({ where: { id } });
  return checkTransition(found.status, to, { role: 'ADMIN', isAssignedTechnician: false }).ok
    ? new StaleWriteError(found.version, found.status)
    : new InvalidTransitionError(found.status, to);
}

async function issueInvoice(tx: Transaction, organizationId: string, workOrder: WorkOrder) {
  const serviceType = await tx.serviceType.findFirstOrThrow({ where: { id: workOrder.serviceTypeId, organizationId }, select: { name: true } });
  const org = await tx.organization.update({
    where: { id: organizationId },
    data: { nextInvoiceNumber: { increment: 1 } },
    select: { nextInvoiceNumber: true, currency: true },
  });
  const lines = invoiceLinesFor({ serviceName: serviceType.name, priceMinor: workOrder.priceMinor });
  await tx.invoice.create({
    data: {
      organizationId,
      workOrderId: workOrder.id,
      number: org.nextInvoiceNumber - 1,
      currency: org.currency,
      totalMinor: invoiceTotal(lines),
      lines: { create: lines.map((line, position) => ({ ...line, position })) },
    },
  });
}

export async function findScoped(prisma: PrismaClient | Transaction, caller: Caller, id: string): Promise<WorkOrder> {
  const workOrder = await prisma.workOrder.findFirst({ where: { id, ...workOrderScope(caller) } });
  if (!workOrder) throw new NotFoundError('Work order', id);
  return workOrder;
}

/**
 * Runs a write that books a technician's time. The database's exclusion constraint is the judge;
 * when it refuses, the transaction is rolled back and the caller learns which job is in the way.
 */
async function bookOrExplainConflict<T>(
  prisma: PrismaClient,
  caller: Caller,
  technicianId: string | null,
  window: { windowStart: Date; windowEnd: Date },
  ignoreId: string | undefined,
  write: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await prisma.$transaction(write);
  } catch (error) {
    if (postgresErrorCode(error) !== EXCLUSION_VIOLATION || !technicianId) throw error;
    const conflicting = await prisma.workOrder.findFirst({
      where: {
        organizationId: caller.organizationId,
        technicianId,
        id: ignoreId ? { not: ignoreId } : undefined,
        status: { notIn: ['CANCELED', 'NO_SHOW'] },
        windowStart: { lt: window.windowEnd },
        windowEnd: { gt: window.windowStart },
      },
    });
    if (!conflicting || !isActive(conflicting.status)) throw error;
    throw new ConflictError(conflicting.id, workOrderLabel(conflicting.number));
  }
}
