import type { Prisma } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { accessOf, ownerOf, type ReadableType } from '../domain/permissions.js';

/**
 * Row-level scopes: every query of a tenant row goes through one of these, so a caller only ever
 * reaches its own organization's rows, and only those the permission table gives it: all of them,
 * its own (domain `ownerOf`: a technician's jobs, a customer's records), or none when it may not
 * read the type at all.
 */
type Extent = { all: true } | { all: false; owner: ReturnType<typeof ownerOf> };

function extentOf(caller: Caller, type: ReadableType): Extent {
  const access = accessOf(caller);
  if (!access.reads(type)) return { all: false, owner: null };
  return access.rows === 'organization' ? { all: true } : { all: false, owner: ownerOf(caller) };
}

/** Matches no row: `id IN ()`. */
const NO_ROW = { id: { in: [] as string[] } };

export function workOrderScope(caller: Caller): Prisma.WorkOrderWhereInput {
  const scope = { organizationId: caller.organizationId };
  const extent = extentOf(caller, 'WorkOrder');
  if (extent.all) return scope;
  return extent.owner ? { ...scope, ...extent.owner } : { ...scope, ...NO_ROW };
}

/** workOrderScope for a row already loaded: may this caller see it? */
export function workOrderVisibleTo(caller: Caller, workOrder: { organizationId: string; customerId: string; technicianId: string | null }): boolean {
  if (workOrder.organizationId !== caller.organizationId) return false;
  const extent = extentOf(caller, 'WorkOrder');
  if (extent.all) return true;
  if (!extent.owner) return false;
  return 'customerId' in extent.owner ? workOrder.customerId === extent.owner.customerId : workOrder.technicianId === extent.owner.technicianId;
}

/** A customer's own record; a technician the customers of their own jobs. */
export function customerScope(caller: Caller): Prisma.CustomerWhereInput {
  const scope = { organizationId: caller.organizationId };
  const extent = extentOf(caller, 'Customer');
  if (extent.all) return scope;
  if (!extent.owner) return { ...scope, ...NO_ROW };
  return 'customerId' in extent.owner ? { ...scope, id: extent.owner.customerId } : { ...scope, workOrders: { some: workOrderScope(caller) } };
}

/**
 * Vehicles and service addresses follow their customer's scope; a technician's are only those of
 * their own jobs, not every vehicle (VIN) and gate code of a customer they once served.
 */
export function customerOwnedScope(caller: Caller, type: 'Vehicle' | 'ServiceAddress'): Prisma.VehicleWhereInput & Prisma.ServiceAddressWhereInput {
  const scope = { organizationId: caller.organizationId };
  const extent = extentOf(caller, type);
  if (!extent.all && !extent.owner) return { ...scope, ...NO_ROW };
  if (!extent.all && extent.owner && 'technicianId' in extent.owner) return { ...scope, workOrders: { some: workOrderScope(caller) } };
  return { ...scope, customer: customerScope(caller) };
}

/** A technician reads themselves; a customer the technicians of their own jobs. */
export function technicianScope(caller: Caller): Prisma.TechnicianWhereInput {
  const scope = { organizationId: caller.organizationId };
  const extent = extentOf(caller, 'Technician');
  if (extent.all) return scope;
  if (!extent.owner) return { ...scope, ...NO_ROW };
  return 'technicianId' in extent.owner ? { ...scope, id: extent.owner.technicianId } : { ...scope, workOrders: { some: workOrderScope(caller) } };
}

/** The organization's catalog of service types, for whoever may read them. */
export function serviceTypeScope(caller: Caller): Prisma.ServiceTypeWhereInput {
  const scope = { organizationId: caller.organizationId };
  return accessOf(caller).reads('ServiceType') ? scope : { ...scope, ...NO_ROW };
}

/** Webhook endpoints: an admin manages all of the organization's, an API key only those it made. */
export function webhookEndpointScope(caller: Caller): Prisma.WebhookEndpointWhereInput {
  const scope = { organizationId: caller.organizationId };
  if (!accessOf(caller).reads('WebhookEndpoint')) return { ...scope, ...NO_ROW };
  return caller.kind === 'apiKey' ? { ...scope, apiKeyId: caller.apiKeyId } : scope;
}
