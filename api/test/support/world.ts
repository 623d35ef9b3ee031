import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Database } from '../../src/db/database.js';
import type { Role } from '../../src/domain/roles.js';
import { TestApi } from './api.js';
import { createCustomer, createOrganization, createServiceType, createTechnician } from './fixtures.js';

export const gid = encodeGlobalID;

/**
 * One organization with what the spec page asks for before you start (a customer with a vehicle
 * and an address, a service type, technicians) and a signed-in user of every role.
 */
export async function createWorld(db: Database) {
  const api = await TestApi.start(db);
  const org = await createOrganization(db.prisma);
  const customer = await createCustomer(db.prisma, org.id, { name: 'Metro Plumbing', isFleet: true });
  const otherCustomer = await createCustomer(db.prisma, org.id, { name: 'Olivia Bennett' });
  const serviceType = await createServiceType(db.prisma, org.id, { name: 'Synthetic Oil Change', defaultPriceMinor: 8999, defaultDurationMinutes: 45 });
  const technician = await createTechnician(db.prisma, org.id, { name: 'Maria Lopez', color: '#2563eb' });
  const otherTechnician = await createTechnician(db.prisma, org.id, { name: 'Devon Carter', color: '#16a34a' });
  const tokens = {
    admin: await api.signIn(org.id, 'ADMIN'),
    dispatcher: await api.signIn(org.id, 'DISPATCHER'),
    technician: await api.signIn(org.id, 'TECHNICIAN', { technicianId: technician.id }),
    otherTechnician: await api.signIn(org.id, 'TECHNICIAN', { technicianId: otherTechnician.id }),
    customer: await api.signIn(org.id, 'CUSTOMER', { customerId: customer.customer.id }),
    writeKey: await api.apiKey(org.id, ['READ', 'WRITE_WORK_ORDERS']),
    readKey: await api.apiKey(org.id, ['READ']),
  };
  return { api, org, customer, otherCustomer, serviceType, technician, otherTechnician, tokens };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** A fresh organization with nothing in it but a signed-in user of `role`: another tenant beside a test's world. */
export async function signedInOrganization(api: TestApi, role: Role = 'ADMIN') {
  const org = await createOrganization(api.prisma);
  return { org, token: await api.signIn(org.id, role) };
}

let slot = 0;

/** The customer, vehicle and service address fields of a work order's input, for this customer of a world. */
export function customerInput(customer: World['customer']) {
  return {
    customerId: gid('Customer', customer.customer.id),
    vehicleId: gid('Vehicle', customer.vehicle.id),
    serviceAddressId: gid('ServiceAddress', customer.address.id),
  };
}

/** The input of createWorkOrder for the world's customer, each call in a window of its own. */
export function newWorkOrderInput(world: World, overrides: Record<string, unknown> = {}) {
  // Three hours apart, so that a test may stretch a window without touching the next one.
  const windowStart = new Date(Date.UTC(2027, 0, 4, 0) + slot++ * 3 * 3_600_000);
  return {
    ...customerInput(world.customer),
    serviceTypeId: gid('ServiceType', world.serviceType.id),
    technicianId: gid('Technician', world.technician.id),
    windowStart: windowStart.toISOString(),
    customerNotes: 'Gate is on the north side.',
    internalNotes: 'Owes for last visit; collect before starting.',
    ...overrides,
  };
}

export const WORK_ORDER_FIELDS = `id label number status version priceMinor durationMinutes windowStart windowEnd
  customerNotes internalNotes nextStatuses technician { id name color } customer { id name }
  invoice { label total { amountMinor currency } lines { description amountMinor } }
  events { seq type actorName before { status internalNotes } after { status internalNotes } }`;

/** What a work-order mutation may answer besides its success; each fragment names an error type of its union. */
const ERROR_FIELDS = `__typename
  ... on Error { code message }
  ... on ValidationError { fieldErrors { path message } }`;
const CONFLICT = '... on ConflictError { conflictingWorkOrder { id label } }';
const RACE = `... on InvalidTransitionError { currentStatus requestedStatus }
  ... on StaleWriteError { currentVersion currentStatus }`;

/** The error fragments of updateWorkOrder: a job past SCHEDULED is NotEditableError, not a transition's error. */
export const PAYLOAD = `${ERROR_FIELDS} ${CONFLICT} ... on NotEditableError { currentStatus } ... on StaleWriteError { currentVersion currentStatus }`;

export const CREATE_WORK_ORDER = `mutation ($input: CreateWorkOrderInput!) {
  createWorkOrder(input: $input) { ${ERROR_FIELDS} ${CONFLICT} ... on MutationCreateWorkOrderSuccess { workOrder { ${WORK_ORDER_FIELDS} } } }
}`;

export const TRANSITION = `mutation ($input: TransitionWorkOrderInput!) {
  transitionWorkOrder(input: $input) { ${ERROR_FIELDS} ${RACE} ... on MutationTransitionWorkOrderSuccess { workOrder { id status version canEdit price { formatted } customer { name } } } }
}`;

/** Cancelling is a transition to CANCELED with a reason. */
export const CANCEL = `mutation ($input: TransitionWorkOrderInput!) {
  transitionWorkOrder(input: $input) { ${ERROR_FIELDS} ${RACE} ... on MutationTransitionWorkOrderSuccess { workOrder { id status version cancelReason } } }
}`;

/**
 * The seq of the latest event of the world's organization, as a subscription's `after` takes it ('0' before any):
 * subscribing after it makes a test independent of how fast the subscription is set up.
 */
export async function latestSeq(world: World): Promise<string> {
  const latest = await world.api.prisma.workOrderEvent.findFirst({ where: { organizationId: world.org.id }, orderBy: { seq: 'desc' } });
  return String(latest?.seq ?? 0n);
}

/** Books a work order (newWorkOrderInput with `overrides`) through the API as the world's dispatcher; answers it. */
export async function bookWorkOrder(world: World, overrides: Record<string, unknown> = {}) {
  const data = await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world, overrides) }, world.tokens.dispatcher);
  if (!data.createWorkOrder.workOrder) throw new Error(`createWorkOrder answered ${JSON.stringify(data)}`);
  return data.createWorkOrder.workOrder;
}

/** Moves a work order to `status` through the API, as the world's dispatcher. */
export function transitionWorkOrder(world: World, id: string, status: string) {
  return world.api.ok(TRANSITION, { input: { id, status } }, world.tokens.dispatcher);
}
