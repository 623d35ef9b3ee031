import type { Prisma } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';

/**
 * Row-level scopes: every query of a tenant row goes through one of these, so a caller only
 * ever reaches its own organization's rows, a technician its own jobs, a customer its own records.
 */
export function workOrderScope(caller: Caller): Prisma.WorkOrderWhereInput {
  const scope: Prisma.WorkOrderWhereInput = { organizationId: caller.organizationId };
  if (caller.kind === 'user' && caller.role === 'CUSTOMER') scope.customerId = caller.customerId ?? '';
  if (caller.kind === 'user' && caller.role === 'TECHNICIAN') scope.technicianId = caller.technicianId ?? '';
  return scope;
}

/** workOrderScope for a row already loaded: may this caller see it? */
export function workOrderVisibleTo(caller: Caller, workOrder: { organizationId: string; customerId: string; technicianId: string | null }): boolean {
  const scope = workOrderScope(caller);
  return (
    workOrder.organizationId === scope.organizationId &&
    (scope.customerId === undefined || workOrder.customerId === scope.customerId) &&
    (scope.technicianId === undefined || workOrder.technicianId === scope.technicianId)
  );
}

export function customerScope(caller: Caller): Prisma.CustomerWhereInput {
  const scope: Prisma.CustomerWhereInput = { organizationId: caller.organizationId };
  if (caller.kind === 'user' && caller.role === 'CUSTOMER') scope.id = caller.customerId ?? '';
  if (caller.kind === 'user' && caller.role === 'TECHNICIAN') scope.workOrders = { some: workOrderScope(caller) };
  return scope;
}

/** Vehicles and service addresses follow their customer's scope. */
export function customerOwnedScope(caller: Caller): { organizationId: string; customer: Prisma.CustomerWhereInput } {
  return { organizationId: caller.organizationId, customer: customerScope(caller) };
}

export function organizationScope(caller: Caller): { organizationId: string } {
  return { organizationId: caller.organizationId };
}
