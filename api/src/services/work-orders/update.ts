import type { WorkOrder } from '../../generated/prisma/client.js';
import type { Transaction } from '../../db/types.js';
import type { Caller } from '../../domain/caller.js';
import { NotEditableError, StaleWriteError, ValidationError, type FieldError } from '../../domain/errors.js';
import { EDITABLE_STATUSES, isEditable } from '../../domain/status.js';
import { editEventType, isChange, moveWindow, planWindow, workOrderLabel, workOrderSnapshot } from '../../domain/work-order.js';
import { appendEvent } from '../../events/log.js';
import { requirePermission } from '../permission.js';
import { checkBooking } from '../technician-availability/commands.js';
import type { CreateWorkOrderInput } from './create.js';
import { book } from './booking.js';
import { findVisibleWorkOrder } from './find.js';
import { loadReferences } from './references.js';

/** The fields of a booking, each optional (the customer stays), and the version the change was made against. */
export type UpdateWorkOrderInput = { id: string; expectedVersion?: number | null } & {
  [K in Exclude<keyof CreateWorkOrderInput, 'customerId'>]?: CreateWorkOrderInput[K] | null;
};

/** Reschedule, reassign or edit a work order that has not started. An edit that changes nothing writes nothing. */
export async function updateWorkOrder(tx: Transaction, caller: Caller, input: UpdateWorkOrderInput): Promise<WorkOrder> {
  requirePermission(caller, 'writeWorkOrders');
  const current = await findVisibleWorkOrder(tx, caller, input.id);
  if (input.expectedVersion != null && input.expectedVersion !== current.version) {
    throw new StaleWriteError(current.version, current.status);
  }
  if (!isEditable(current.status)) throw new NotEditableError(current.status, workOrderLabel(current.number));

  const merged = {
    customerId: current.customerId,
    vehicleId: input.vehicleId ?? current.vehicleId,
    serviceAddressId: input.serviceAddressId ?? current.serviceAddressId,
    serviceTypeId: input.serviceTypeId ?? current.serviceTypeId,
    technicianId: input.technicianId === undefined ? current.technicianId : input.technicianId,
  };
  const refs = await loadReferences(tx, caller, merged, current);
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
  const availabilityOverride =
    technicianId !== null && (technicianId !== current.technicianId || rescheduled)
      ? await checkBooking(tx, caller.organizationId, technicianId, window, input.overrideAvailability ?? false)
      : null;

  // Conditional on the version read and on the job still being editable: a concurrent move makes it match nothing.
  const [updated] = await book({ technicianId, ...window, ignoreId: current.id }, () =>
    tx.workOrder.updateManyAndReturn({
      where: { id: current.id, organizationId: caller.organizationId, version: current.version, status: { in: [...EDITABLE_STATUSES] } },
      data: { ...edited, version: { increment: 1 } },
    }),
  );
  if (!updated) {
    const found = await tx.workOrder.findUniqueOrThrow({ where: { id: current.id } });
    // Moved on meanwhile (someone set off): it can no longer be edited at all, which a reload would not change.
    if (!isEditable(found.status)) throw new NotEditableError(found.status, workOrderLabel(found.number));
    throw new StaleWriteError(found.version, found.status);
  }
  await appendEvent(tx, {
    caller,
    workOrderId: updated.id,
    type: editEventType(current, updated),
    before: workOrderSnapshot(current),
    after: workOrderSnapshot(updated),
    availabilityOverride,
  });
  return updated;
}
