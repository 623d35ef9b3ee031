import { invoiceLine, type InvoiceLineDraft } from './money.js';
import type { WorkOrderStatus } from './status.js';

export const WORK_ORDER_PREFIX = 'WO-';
export const INVOICE_PREFIX = 'INV-';

export function workOrderLabel(number: number): string {
  return `${WORK_ORDER_PREFIX}${number}`;
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
