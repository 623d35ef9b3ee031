import type { WorkOrder } from '../../generated/prisma/client.js';
import type { Transaction } from '../../db/types.js';
import type { Caller } from '../../domain/caller.js';
import { ValidationError, type FieldError } from '../../domain/errors.js';
import { planWindow, workOrderSnapshot } from '../../domain/work-order.js';
import { appendEvent } from '../../events/log.js';
import { requirePermission } from '../permission.js';
import { checkBooking } from '../technician-availability/commands.js';
import { book } from './booking.js';
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

/** Checks every reference and the window, books the technician's time, numbers the job and logs CREATED. */
export async function createWorkOrder(tx: Transaction, caller: Caller, input: CreateWorkOrderInput): Promise<WorkOrder> {
  requirePermission(caller, 'writeWorkOrders');
  const refs = await loadReferences(tx, caller, input);
  const errors: FieldError[] = [...refs.errors];
  const window = refs.serviceType ? planWindow(input, refs.serviceType.defaultDurationMinutes) : null;
  if (window && 'field' in window) errors.push({ path: ['input', window.field], message: window.message });
  if (errors.length || !refs.serviceType || !window || 'field' in window) throw new ValidationError(errors);

  const serviceType = refs.serviceType;
  const technicianId = input.technicianId ?? null;
  const availabilityOverride = technicianId
    ? await checkBooking(tx, caller.organizationId, technicianId, window, input.overrideAvailability ?? false)
    : null;
  const { nextWorkOrderNumber: next } = await tx.organization.update({
    where: { id: caller.organizationId },
    data: { nextWorkOrderNumber: { increment: 1 } },
    select: { nextWorkOrderNumber: true },
  });
  const workOrder = await book({ technicianId, ...window }, () =>
    tx.workOrder.create({
      data: {
        organizationId: caller.organizationId,
        number: next - 1,
        customerId: input.customerId,
        vehicleId: input.vehicleId,
        serviceTypeId: input.serviceTypeId,
        serviceAddressId: input.serviceAddressId,
        technicianId,
        priceMinor: input.priceMinor ?? serviceType.defaultPriceMinor,
        ...window,
        customerNotes: input.customerNotes ?? null,
        internalNotes: input.internalNotes ?? null,
      },
    }),
  );
  await appendEvent(tx, { caller, workOrderId: workOrder.id, type: 'CREATED', before: null, after: workOrderSnapshot(workOrder), availabilityOverride });
  return workOrder;
}

/** Several bookings as one command: all of them are made, or none (the first refusal undoes the rest). */
export async function createWorkOrders(tx: Transaction, caller: Caller, inputs: readonly CreateWorkOrderInput[]): Promise<WorkOrder[]> {
  const created: WorkOrder[] = [];
  for (const input of inputs) created.push(await createWorkOrder(tx, caller, input));
  return created;
}
