import { invoiceLine, type InvoiceLineDraft } from './money.js';
import type { WorkOrderStatus } from './status.js';
import { BUSINESS_RANGE_MESSAGE, isBusinessInstant } from './ranges.js';
import { MAX_WINDOW_MINUTES } from './time.js';

export const WORK_ORDER_PREFIX = 'WO-';
export const INVOICE_PREFIX = 'INV-';

export function workOrderLabel(number: number): string {
  return `${WORK_ORDER_PREFIX}${number}`;
}

const MAX_WORK_ORDER_NUMBER = 2_147_483_647;

/** The number a person means by "WO-1042", "wo 1042" or "1042"; null when the text is not one. */
export function workOrderNumberOf(text: string): number | null {
  const match = /^(?:WO-?\s*)?(\d{1,10})$/i.exec(text.trim());
  const number = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(number) && number <= MAX_WORK_ORDER_NUMBER ? number : null;
}

export function invoiceLabel(number: number): string {
  return `${INVOICE_PREFIX}${number}`;
}

/** The invoice of a completed work order: one line for the service at the work order's price. */
export function invoiceLinesFor(workOrder: { serviceName: string; priceMinor: number }): InvoiceLineDraft[] {
  return [invoiceLine(workOrder.serviceName, 1, workOrder.priceMinor)];
}

export interface WorkOrderFields {
  number: number;
  status: WorkOrderStatus;
  customerId: string;
  vehicleId: string;
  serviceTypeId: string;
  serviceAddressId: string;
  technicianId: string | null;
  priceMinor: number;
  durationMinutes: number;
  windowStart: Date;
  windowEnd: Date;
  customerNotes: string | null;
  internalNotes: string | null;
  cancelReason: string | null;
  version: number;
}

/** The before/after values an event records: plain JSON, times as ISO strings. */
export type WorkOrderSnapshot = Omit<WorkOrderFields, 'windowStart' | 'windowEnd'> & {
  windowStart: string;
  windowEnd: string;
};

export function workOrderSnapshot(wo: WorkOrderFields): WorkOrderSnapshot {
  return {
    number: wo.number,
    status: wo.status,
    customerId: wo.customerId,
    vehicleId: wo.vehicleId,
    serviceTypeId: wo.serviceTypeId,
    serviceAddressId: wo.serviceAddressId,
    technicianId: wo.technicianId,
    priceMinor: wo.priceMinor,
    durationMinutes: wo.durationMinutes,
    windowStart: wo.windowStart.toISOString(),
    windowEnd: wo.windowEnd.toISOString(),
    customerNotes: wo.customerNotes,
    internalNotes: wo.internalNotes,
    cancelReason: wo.cancelReason,
    version: wo.version,
  };
}

export interface WindowRequest {
  windowStart: Date;
  windowEnd?: Date | null;
  durationMinutes?: number | null;
}

/**
 * The window and duration of a work order: duration defaults to the service type's, and the
 * window's end to its start plus that duration. Returns the field error when the window is empty,
 * too long, or reaches outside the business range (its computed end included).
 */
export function planWindow(
  request: WindowRequest,
  defaultDurationMinutes: number,
): { windowStart: Date; windowEnd: Date; durationMinutes: number } | { field: 'windowStart' | 'windowEnd'; message: string } {
  const durationMinutes = request.durationMinutes ?? defaultDurationMinutes;
  const windowEnd = request.windowEnd ?? new Date(request.windowStart.getTime() + durationMinutes * 60_000);
  if (!isBusinessInstant(request.windowStart)) return { field: 'windowStart', message: `The window must start ${BUSINESS_RANGE_MESSAGE}` };
  // The same range as a DateTime given as input: a computed end is held to it as a typed one is.
  if (!isBusinessInstant(windowEnd)) return { field: 'windowEnd', message: `The window must end ${BUSINESS_RANGE_MESSAGE}` };
  if (windowEnd <= request.windowStart) return { field: 'windowEnd', message: 'The window must end after it starts' };
  if (windowEnd.getTime() - request.windowStart.getTime() > MAX_WINDOW_MINUTES * 60_000) {
    return { field: 'windowEnd', message: 'A window cannot be longer than a day' };
  }
  return { windowStart: request.windowStart, windowEnd, durationMinutes };
}

/** What an edit may change. */
const EDITABLE_FIELDS = [
  'vehicleId',
  'serviceTypeId',
  'serviceAddressId',
  'technicianId',
  'priceMinor',
  'durationMinutes',
  'windowStart',
  'windowEnd',
  'customerNotes',
  'internalNotes',
] as const;
export type WorkOrderEdit = Pick<WorkOrderFields, (typeof EDITABLE_FIELDS)[number]>;

/** Does an edit change anything? One that does not is no write at all: no event, no new version. */
export function isChange(before: WorkOrderEdit, after: WorkOrderEdit): boolean {
  return EDITABLE_FIELDS.some((field) => {
    const [was, is] = [before[field], after[field]];
    return was instanceof Date && is instanceof Date ? was.getTime() !== is.getTime() : was !== is;
  });
}

/** Which kind of event an edit is: a new technician outranks a new window, which outranks other edits. */
export function editEventType(before: WorkOrderFields, after: WorkOrderFields): 'REASSIGNED' | 'RESCHEDULED' | 'EDITED' {
  if (before.technicianId !== after.technicianId) return 'REASSIGNED';
  if (before.windowStart.getTime() !== after.windowStart.getTime() || before.windowEnd.getTime() !== after.windowEnd.getTime()) {
    return 'RESCHEDULED';
  }
  return 'EDITED';
}

/** A window moved to a new start keeps its length. */
export function moveWindow(window: { windowStart: Date; windowEnd: Date }, windowStart: Date): { windowStart: Date; windowEnd: Date } {
  return { windowStart, windowEnd: new Date(windowStart.getTime() + window.windowEnd.getTime() - window.windowStart.getTime()) };
}
