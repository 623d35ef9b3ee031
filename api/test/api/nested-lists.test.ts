import { describe, expect, it } from 'vitest';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, gid } from '../support/world.js';

/** A write scope reads what its payload points at, never the lists hanging off it (the rest of the organization's rows). */
describe('lists and connections inside a write payload', () => {
  const { world } = worldForFile();

  it("gives a WRITE_WORK_ORDERS key the conflicting job and what it points at, but not its customer's other jobs", async () => {
    const key = await world.api.apiKey(world.org.id, ['WRITE_WORK_ORDERS']);
    const [moved, inTheWay] = [await bookWorkOrder(world), await bookWorkOrder(world)];
    await bookWorkOrder(world);
    const data = await world.api.ok(
      `mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename ... on ConflictError { conflictingWorkOrder {
        id label customer { name workOrders(first: 100) { edges { node { label internalNotes invoice { number } serviceAddress { street } } } } }
        vehicle { make } serviceAddress { street } technician { name }
      } } } }`,
      { input: { id: moved.id, windowStart: inTheWay.windowStart } },
      key,
    );
    const conflicting = data.updateWorkOrder.conflictingWorkOrder;
    expect(data.updateWorkOrder.__typename).toBe('ConflictError');
    expect(conflicting).toMatchObject({ id: inTheWay.id, customer: { name: 'Metro Plumbing', workOrders: null }, technician: { name: expect.any(String) } });
    expect(conflicting.vehicle.make).toBeTruthy();
    expect(conflicting.serviceAddress.street).toBeTruthy();
  });

  it("gives a WRITE_CUSTOMERS key the customer it wrote, with no list of its jobs, vehicles or addresses; the office keeps them", async () => {
    const key = await world.api.apiKey(world.org.id, ['WRITE_CUSTOMERS']);
    await bookWorkOrder(world);
    const query = `mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { ... on MutationUpdateCustomerSuccess { customer {
      name vehicles { vin } addresses { accessNotes } workOrders(first: 5) { edges { node { id } } }
    } } } }`;
    const input = { input: { id: gid('Customer', world.customer.customer.id) } };
    const written = (await world.api.ok(query, input, key)).updateCustomer.customer;
    expect(written).toEqual({ name: 'Metro Plumbing', vehicles: [], addresses: [], workOrders: null });
    const office = (await world.api.ok(query, input, world.tokens.dispatcher)).updateCustomer.customer;
    expect(office.vehicles.length).toBeGreaterThan(0);
    expect(office.addresses.length).toBeGreaterThan(0);
    expect(office.workOrders.edges.length).toBeGreaterThan(0);
  });
});
