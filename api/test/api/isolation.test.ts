import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { schema } from '../../src/schema/index.js';
import { bookWorkOrder, createWorld, customerInput, gid, TRANSITION, transitionWorkOrder, type World } from '../support/world.js';

describe('tenant and customer isolation', () => {
  let db: Database;
  let a: World;
  let b: World;
  let aWorkOrderId: string;
  let aOtherCustomerWorkOrderId: string;
  let aIds: Record<string, string>;

  beforeAll(async () => {
    db = await openTestDatabase();
    a = await createWorld(db);
    b = await createWorld(db);
    aWorkOrderId = (await bookWorkOrder(a)).id;
    await transitionWorkOrder(a, aWorkOrderId, 'EN_ROUTE');
    aOtherCustomerWorkOrderId = (await bookWorkOrder(a, { ...customerInput(a.otherCustomer), customerNotes: 'Other customer: ring twice' })).id;
    aIds = {
      WorkOrder: aWorkOrderId,
      Customer: gid('Customer', a.customer.customer.id),
      Vehicle: gid('Vehicle', a.customer.vehicle.id),
      ServiceAddress: gid('ServiceAddress', a.customer.address.id),
      ServiceType: gid('ServiceType', a.serviceType.id),
      Technician: gid('Technician', a.technician.id),
    };
  });
  afterAll(() => db.close());

  it("gives organization B's users nothing of A through node(id)", async () => {
    for (const token of [b.tokens.admin, b.tokens.dispatcher, b.tokens.writeKey]) {
      for (const [type, id] of Object.entries(aIds)) {
        const data = await b.api.ok(`query ($id: ID!) { node(id: $id) { id } }`, { id }, token);
        expect(data.node, `${type} through node`).toBeNull();
      }
      const nodes = await b.api.ok(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Object.values(aIds) }, token);
      expect(nodes.nodes.filter(Boolean)).toEqual([]);
    }
  });

  it("gives organization B's users nothing of A through any list or lookup", async () => {
    const token = b.tokens.admin;
    const data = await b.api.ok(
      `query ($id: ID!, $day: Date!) {
        workOrder(id: $id) { id }
        workOrders(first: 100) { edges { node { id } } }
        customers(first: 100) { edges { node { id } } }
        serviceTypes(includeArchived: true) { id }
        technicians(includeInactive: true) { id }
        apiKeys { id }
        schedule(date: $day) { technicians { technician { id } workOrders { id } } unassigned { id } }
      }`,
      { id: aWorkOrderId, day: '2027-01-04' },
      token,
    );
    const everyId = JSON.stringify(data);
    expect(data.workOrder).toBeNull();
    for (const id of [...Object.values(aIds), aOtherCustomerWorkOrderId]) expect(everyId).not.toContain(id);
  });

  it("refuses B's writes to A's work order as if it did not exist", async () => {
    const result = await b.api.ok(TRANSITION, { input: { id: aWorkOrderId, status: 'ON_SITE' } }, b.tokens.dispatcher);
    expect(result.transitionWorkOrder.__typename).toBe('NotFoundError');
    expect((await db.prisma.workOrder.findFirstOrThrow({ where: { organizationId: a.org.id, number: { gt: 0 } }, orderBy: { createdAt: 'asc' } })).status).toBe('EN_ROUTE');
  });

  it('shows a customer their own work order with customer notes, and never an internal note on any path', async () => {
    const data = await a.api.ok(
      `query ($id: ID!) {
        viewer { customer { workOrders(first: 50) { edges { node { id internalNotes customerNotes events { before { internalNotes } after { internalNotes } } } } } } }
        workOrder(id: $id) { id internalNotes customerNotes events { before { internalNotes } after { internalNotes } } }
        node(id: $id) { ... on WorkOrder { internalNotes } }
        workOrders(first: 50) { edges { node { id internalNotes } } }
      }`,
      { id: aWorkOrderId },
      a.tokens.customer,
    );
    expect(data.workOrder.customerNotes).toBe('Gate is on the north side.');
    expect(JSON.stringify(data)).not.toContain('Owes for last visit');
    expect(data.workOrder.internalNotes).toBeNull();
    expect(data.workOrders.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([aWorkOrderId]);
  });

  it("gives a customer nothing of another customer's", async () => {
    const data = await a.api.ok(
      `query ($id: ID!, $customer: ID!) {
        workOrder(id: $id) { id }
        node(id: $id) { id }
        otherCustomer: node(id: $customer) { id }
      }`,
      { id: aOtherCustomerWorkOrderId, customer: gid('Customer', a.otherCustomer.customer.id) },
      a.tokens.customer,
    );
    expect(data).toEqual({ workOrder: null, node: null, otherCustomer: null });
    const list = await a.api.request(`{ customers(first: 10) { edges { node { id } } } }`, {}, a.tokens.customer);
    expect(list.data?.customers ?? null).toBeNull();
    expect(JSON.stringify(list)).not.toContain('Olivia Bennett');
  });

  it("keeps a technician to their own jobs", async () => {
    const data = await a.api.ok(
      `query ($id: ID!) { workOrder(id: $id) { id } workOrders(first: 50) { edges { node { technician { id } } } } }`,
      { id: aWorkOrderId },
      a.tokens.otherTechnician,
    );
    expect(data.workOrder).toBeNull();
    expect(data.workOrders.edges).toEqual([]);
  });

  it("shows a technician only the vehicles and addresses of their own jobs, a customer all of their own", async () => {
    const { organizationId, id: customerId } = a.customer.customer;
    const fleetVehicle = await db.prisma.vehicle.create({ data: { organizationId, customerId, year: 2022, make: 'Ford', model: 'Transit', vin: '1FTBW2CM5HKA99999' } });
    const yard = await db.prisma.serviceAddress.create({ data: { organizationId, customerId, label: 'Yard', street: '9 Depot Rd', city: 'Chicago', accessNotes: 'Gate code 7777' } });
    const query = `query ($id: ID!) { workOrder(id: $id) { customer { vehicles { id vin } addresses { id accessNotes } } } }`;
    const technician = (await a.api.ok(query, { id: aWorkOrderId }, a.tokens.technician)).workOrder.customer;
    expect(technician.vehicles.map((v: { id: string }) => v.id)).toEqual([gid('Vehicle', a.customer.vehicle.id)]);
    expect(technician.addresses.map((v: { id: string }) => v.id)).toEqual([gid('ServiceAddress', a.customer.address.id)]);
    expect(JSON.stringify(technician)).not.toContain('7777');
    const customer = (await a.api.ok(query, { id: aWorkOrderId }, a.tokens.customer)).workOrder.customer;
    expect(customer.vehicles.map((v: { id: string }) => v.id)).toContain(gid('Vehicle', fleetVehicle.id));
    expect(customer.addresses.map((v: { id: string }) => v.id)).toContain(gid('ServiceAddress', yard.id));
  });

  it('answers an anonymous caller with nothing, whichever way it asks', async () => {
    const asks = [
      `query ($id: ID!) { workOrder(id: $id) { id internalNotes } }`,
      `query ($id: ID!) { node(id: $id) { id ... on WorkOrder { internalNotes } } }`,
      `query ($id: ID!) { nodes(ids: [$id]) { id ... on WorkOrder { internalNotes } } }`,
      `{ schedule(date: "2027-01-04") { unassigned { id internalNotes } } }`,
    ];
    for (const query of asks) {
      const result = await a.api.request(query, { id: aWorkOrderId });
      expect(JSON.stringify(result.data ?? null), query).not.toContain(aWorkOrderId);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    expect((await a.api.request(`{ viewer { name customer { id } } }`)).data).toEqual({ viewer: null });
  });

  it('guards every root field but signing in and asking who is signed in', async () => {
    const unguarded = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      Object.values(type!.getFields())
        .filter((field) => !(field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes)
        .map((field) => `${type!.name}.${field.name}`),
    );
    expect(unguarded.sort()).toEqual(['Mutation.login', 'Query.viewer']);
  });
});
