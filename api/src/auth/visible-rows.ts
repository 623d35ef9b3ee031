import type { Prisma } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { changeAudienceOf } from '../domain/event-visibility.js';
import { accessOf, ownerOf, type Reach, type ReadableType } from '../domain/permissions.js';

/**
 * Visible rows: every query of a tenant row goes through one of these, so a caller only ever
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

export function visibleWorkOrders(caller: Caller): Prisma.WorkOrderWhereInput {
  const tenant = { organizationId: caller.organizationId };
  const extent = extentOf(caller, 'WorkOrder');
  if (extent.all) return tenant;
  return extent.owner ? { ...tenant, ...extent.owner } : { ...tenant, ...NO_ROW };
}

/** visibleWorkOrders for a row already loaded: may this caller see it? */
export function workOrderVisibleTo(caller: Caller, workOrder: { organizationId: string; customerId: string; technicianId: string | null }): boolean {
  if (workOrder.organizationId !== caller.organizationId) return false;
  const extent = extentOf(caller, 'WorkOrder');
  if (extent.all) return true;
  if (!extent.owner) return false;
  return 'customerId' in extent.owner ? workOrder.customerId === extent.owner.customerId : workOrder.technicianId === extent.owner.technicianId;
}

/**
 * The logged changes a caller receives, as the subscriptions deliver them (domain `changeAudienceOf`):
 * an owner's are those whose work order was theirs before or after the change. `nested` for the
 * events of a work order already read (`WorkOrder.events`, in a write key's payload too).
 */
export function visibleEvents(caller: Caller, reach: Reach = 'direct'): Prisma.WorkOrderEventWhereInput {
  const tenant = { organizationId: caller.organizationId };
  const audience = changeAudienceOf(caller, reach);
  if (audience.kind === 'organization') return tenant;
  if (audience.kind === 'none') return { ...tenant, seq: { in: [] } };
  const side = (snapshot: 'before' | 'after') => ({ [snapshot]: { path: [audience.field], equals: audience.id } });
  return { ...tenant, OR: [side('before'), side('after')] };
}

/** A customer's own record; a technician the customers of their own jobs. */
export function visibleCustomers(caller: Caller): Prisma.CustomerWhereInput {
  const tenant = { organizationId: caller.organizationId };
  const extent = extentOf(caller, 'Customer');
  if (extent.all) return tenant;
  if (!extent.owner) return { ...tenant, ...NO_ROW };
  return 'customerId' in extent.owner ? { ...tenant, id: extent.owner.customerId } : { ...tenant, workOrders: { some: visibleWorkOrders(caller) } };
}

/**
 * Vehicles and service addresses follow their customer's visibility; a technician's are only those of
 * their own jobs, not every vehicle (VIN) and gate code of a customer they once served.
 */
export function visibleCustomerRecords(caller: Caller, type: 'Vehicle' | 'ServiceAddress'): Prisma.VehicleWhereInput & Prisma.ServiceAddressWhereInput {
  const tenant = { organizationId: caller.organizationId };
  const extent = extentOf(caller, type);
  if (!extent.all && !extent.owner) return { ...tenant, ...NO_ROW };
  if (!extent.all && extent.owner && 'technicianId' in extent.owner) return { ...tenant, workOrders: { some: visibleWorkOrders(caller) } };
  return { ...tenant, customer: visibleCustomers(caller) };
}

/** A technician reads themselves; a customer the technicians of their own jobs. */
export function visibleTechnicians(caller: Caller): Prisma.TechnicianWhereInput {
  const tenant = { organizationId: caller.organizationId };
  const extent = extentOf(caller, 'Technician');
  if (extent.all) return tenant;
  if (!extent.owner) return { ...tenant, ...NO_ROW };
  return 'technicianId' in extent.owner ? { ...tenant, id: extent.owner.technicianId } : { ...tenant, workOrders: { some: visibleWorkOrders(caller) } };
}

/** Rows that are the organization's as a whole (no one's own): all of them for whoever may read the type, else none. */
function organizationRows(caller: Caller, type: ReadableType) {
  const tenant = { organizationId: caller.organizationId };
  return accessOf(caller).reads(type) ? tenant : { ...tenant, ...NO_ROW };
}

/** The organization's catalog of service types, for whoever may read them. */
export function visibleServiceTypes(caller: Caller): Prisma.ServiceTypeWhereInput {
  return organizationRows(caller, 'ServiceType');
}

/** The organization's logins, for whoever may read users (admins). */
export function visibleUsers(caller: Caller): Prisma.UserWhereInput {
  return organizationRows(caller, 'User');
}

/** The organization's API keys, for whoever may read them (admins). */
export function visibleApiKeys(caller: Caller): Prisma.ApiKeyWhereInput {
  return organizationRows(caller, 'ApiKey');
}

/** Webhook endpoints: an admin manages all of the organization's, an API key only those it made. */
export function visibleWebhookEndpoints(caller: Caller): Prisma.WebhookEndpointWhereInput {
  const rows = organizationRows(caller, 'WebhookEndpoint');
  return caller.kind === 'apiKey' ? { ...rows, apiKeyId: caller.apiKeyId } : rows;
}
