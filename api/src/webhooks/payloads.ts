import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Prisma, WorkOrderEvent } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { accessOf, SENSITIVE_FIELDS, type Access, type ReadableType, type SensitiveField } from '../domain/permissions.js';
import { invoiceLabel, workOrderLabel, type WorkOrderSnapshot } from '../domain/work-order.js';
import { visibleCustomerRecords, visibleCustomers, visibleWorkOrders } from '../auth/visible-rows.js';
import { afterVisibleTo } from '../domain/event-visibility.js';
import { answeredSnapshot, snapshotsOf } from '../events/snapshot.js';

type Row = Record<string, unknown>;

const GROUP_OF_FIELD = new Map<string, SensitiveField>(
  Object.entries(SENSITIVE_FIELDS).flatMap(([group, fields]) => fields.map((field) => [field, group as SensitiveField] as const)),
);

/** A row as the caller may read it: null when its type is not read, each sensitive field it may not see null. */
function asSeenBy(access: Access, type: ReadableType | 'WorkOrderSnapshot', row: Row | null | undefined): Row | null {
  if (!row || (type !== 'WorkOrderSnapshot' && !access.reads(type))) return null;
  const seen: Row = {};
  for (const [field, value] of Object.entries(row)) {
    const group = GROUP_OF_FIELD.get(`${type}.${field}`);
    seen[field] = group && !access.seesField(group) ? null : value;
  }
  return seen;
}

const WORK_ORDER_INCLUDE = {
  customer: { select: { id: true, name: true, company: true, isFleet: true, email: true, phone: true } },
  vehicle: { select: { id: true, year: true, make: true, model: true, color: true, vin: true, licensePlate: true } },
  serviceAddress: { select: { id: true, label: true, street: true, city: true, region: true, postalCode: true, accessNotes: true } },
  serviceType: { select: { id: true, name: true } },
  technician: { select: { id: true, name: true, color: true, phone: true, email: true } },
  invoice: { include: { lines: { orderBy: { position: 'asc' } } } },
  organization: { select: { currency: true } },
} satisfies Prisma.WorkOrderInclude;

const withId = (type: string, row: Row | null) => (row ? { ...row, id: encodeGlobalID(type, String(row.id)) } : null);

/** The work order as the caller may see it now, in the shape deliveries carry; null when they may not. */
export async function workOrderData(tx: Transaction, caller: Caller, workOrderId: string): Promise<Row | null> {
  const workOrder = await tx.workOrder.findFirst({
    where: { id: workOrderId, ...visibleWorkOrders(caller) },
    include: WORK_ORDER_INCLUDE,
    relationLoadStrategy: 'join',
  });
  if (!workOrder) return null;
  const access = accessOf(caller);
  const { customer, vehicle, serviceAddress, serviceType, technician, invoice, organization } = workOrder;
  const seen = asSeenBy(access, 'WorkOrder', {
    id: encodeGlobalID('WorkOrder', workOrder.id),
    number: workOrder.number,
    label: workOrderLabel(workOrder.number),
    status: workOrder.status,
    version: workOrder.version,
    windowStart: workOrder.windowStart.toISOString(),
    windowEnd: workOrder.windowEnd.toISOString(),
    durationMinutes: workOrder.durationMinutes,
    price: { amountMinor: workOrder.priceMinor, currency: organization.currency },
    customerNotes: workOrder.customerNotes,
    internalNotes: workOrder.internalNotes,
    cancelReason: workOrder.cancelReason,
    createdAt: workOrder.createdAt.toISOString(),
    updatedAt: workOrder.updatedAt.toISOString(),
  })!;
  return {
    ...seen,
    customer: withId('Customer', asSeenBy(access, 'Customer', customer)),
    vehicle: withId('Vehicle', asSeenBy(access, 'Vehicle', vehicle)),
    serviceAddress: withId('ServiceAddress', asSeenBy(access, 'ServiceAddress', serviceAddress)),
    serviceType: withId('ServiceType', asSeenBy(access, 'ServiceType', serviceType)),
    technician: withId('Technician', asSeenBy(access, 'Technician', technician)),
    invoice: invoice && access.reads('Invoice') ? invoiceData(invoice) : null,
  };
}

function invoiceData(invoice: Prisma.InvoiceGetPayload<{ include: { lines: true } }>): Row {
  return {
    number: invoice.number,
    label: invoiceLabel(invoice.number),
    total: { amountMinor: invoice.totalMinor, currency: invoice.currency },
    issuedAt: invoice.issuedAt.toISOString(),
    lines: invoice.lines.map(({ description, quantity, unitPriceMinor, amountMinor }) => ({ description, quantity, unitPriceMinor, amountMinor })),
  };
}

/** A logged change: what it was and who made it, its snapshots as the caller reads them through the API. */
function eventData(caller: Caller, event: WorkOrderEvent): Row {
  const access = accessOf(caller);
  const snapshots = snapshotsOf(event);
  const seen = (snapshot: WorkOrderSnapshot | null) => asSeenBy(access, 'WorkOrderSnapshot', snapshot && answeredSnapshot(snapshot));
  return {
    seq: event.seq.toString(),
    type: event.type,
    actorName: event.actorName,
    at: event.at.toISOString(),
    before: seen(snapshots.before),
    after: seen(afterVisibleTo(caller, snapshots)),
  };
}

/** What a delivery of a logged work order change carries for this caller; null when they may not see the work order. */
export async function workOrderEventData(tx: Transaction, caller: Caller, event: WorkOrderEvent): Promise<Row | null> {
  const workOrder = await workOrderData(tx, caller, event.workOrderId);
  return workOrder && { event: eventData(caller, event), workOrder };
}

export async function customerData(tx: Transaction, caller: Caller, customerId: string): Promise<Row | null> {
  const customer = await tx.customer.findFirst({
    where: { id: customerId, ...visibleCustomers(caller) },
    select: { id: true, name: true, company: true, isFleet: true, email: true, phone: true, createdAt: true, updatedAt: true },
  });
  return withId('Customer', asSeenBy(accessOf(caller), 'Customer', customer && timesAsText(customer)));
}

export async function vehicleData(tx: Transaction, caller: Caller, vehicleId: string): Promise<Row | null> {
  const vehicle = await tx.vehicle.findFirst({
    where: { id: vehicleId, ...visibleCustomerRecords(caller, 'Vehicle') },
    select: { id: true, customerId: true, year: true, make: true, model: true, color: true, vin: true, licensePlate: true, createdAt: true, updatedAt: true },
  });
  const seen = withId('Vehicle', asSeenBy(accessOf(caller), 'Vehicle', vehicle && timesAsText(vehicle)));
  return seen && vehicle && { ...seen, customerId: encodeGlobalID('Customer', vehicle.customerId) };
}

function timesAsText<T extends { createdAt: Date; updatedAt: Date }>(row: T): Row {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
