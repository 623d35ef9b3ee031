import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, createWorld, customerInput, gid, type World } from '../support/world.js';

const SEARCH = `query ($filter: WorkOrderFilter, $first: Int, $after: String) {
  workOrders(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id label customer { name } vehicle { licensePlate vin } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('searching work orders (number, customer, plate, VIN) inside the caller\'s visible rows', () => {
  const { db, world } = worldForFile();
  let other: World;
  const labels = async (search: string, token = world.tokens.dispatcher, filter: Record<string, unknown> = {}) => {
    const data = await world.api.ok(SEARCH, { filter: { search, ...filter } }, token);
    return data.workOrders.edges.map((edge: { node: { label: string } }) => edge.node.label).sort();
  };

  let metroJob: { label: string; number: number };
  let oliviaJob: { label: string };
  let foreignJob: { id: string; label: string };

  beforeAll(async () => {
    other = await createWorld(db);
    await db.prisma.vehicle.update({ where: { id: world.customer.vehicle.id }, data: { licensePlate: 'MTR-4471', vin: '1FTBW2CM5HKA12345' } });
    await db.prisma.vehicle.update({ where: { id: world.otherCustomer.vehicle.id }, data: { licensePlate: 'OLV-9000', vin: '2HGFC2F59JH000777' } });
    // The other organization has a customer of the same name and a vehicle with the same plate.
    await db.prisma.vehicle.update({ where: { id: other.customer.vehicle.id }, data: { licensePlate: 'MTR-4471', vin: '1FTBW2CM5HKA12345' } });
    metroJob = await bookWorkOrder(world);
    oliviaJob = await bookWorkOrder(world, {
      ...customerInput(world.otherCustomer),
      technicianId: gid('Technician', world.otherTechnician.id),
    });
    foreignJob = await bookWorkOrder(other);
  });
  afterAll(async () => {
    await other.api.close();
  });

  it('finds a job by its number, written WO-1042, wo 1042 or 1042', async () => {
    for (const text of [metroJob.label, metroJob.label.toLowerCase().replace('-', ' '), String(metroJob.number)]) {
      expect(await labels(text), text).toContain(metroJob.label);
    }
    expect(await labels(String(metroJob.number))).not.toContain(oliviaJob.label);
  });

  it('finds jobs by part of the customer name, the plate or the VIN, whatever the case', async () => {
    expect(await labels('metro plu')).toEqual([metroJob.label]);
    expect(await labels('mtr-44')).toEqual([metroJob.label]);
    expect(await labels('JH000777')).toEqual([oliviaJob.label]);
    expect(await labels('nobody by that name')).toEqual([]);
  });

  it("never reaches another organization's rows, though its customer and plate are the same", async () => {
    expect(await labels('Metro Plumbing')).toEqual([metroJob.label]);
    expect(await labels('MTR-4471')).toEqual([metroJob.label]);
    // Both organizations number from the same start: the same number finds only one's own job.
    const sameNumber = await world.api.ok(SEARCH, { filter: { search: foreignJob.label } }, world.tokens.admin);
    const ids = sameNumber.workOrders.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids).not.toContain(foreignJob.id);
    expect(await labels('Metro Plumbing', other.tokens.dispatcher)).toEqual([foreignJob.label]);
  });

  it("keeps a customer to their own jobs and a technician to theirs, whatever they search for", async () => {
    expect(await labels('Olivia', world.tokens.customer)).toEqual([]);
    expect(await labels('OLV-9000', world.tokens.customer)).toEqual([]);
    expect(await labels('Metro', world.tokens.customer)).toEqual([metroJob.label]);
    expect(await labels('Olivia', world.tokens.technician)).toEqual([]);
    expect(await labels('Olivia', world.tokens.otherTechnician)).toEqual([oliviaJob.label]);
  });

  it('combines the search with the other filters and pages through the results', async () => {
    expect(await labels('Metro', world.tokens.dispatcher, { statuses: ['CANCELED'] })).toEqual([]);
    expect(await labels('Metro', world.tokens.dispatcher, { customerId: gid('Customer', world.otherCustomer.customer.id) })).toEqual([]);
    await bookWorkOrder(world);
    const first = await world.api.ok(SEARCH, { filter: { search: 'metro' }, first: 1 }, world.tokens.dispatcher);
    expect(first.workOrders.pageInfo.hasNextPage).toBe(true);
    const second = await world.api.ok(SEARCH, { filter: { search: 'metro' }, first: 1, after: first.workOrders.pageInfo.endCursor }, world.tokens.dispatcher);
    expect(second.workOrders.edges[0].node.label).not.toBe(first.workOrders.edges[0].node.label);
  });

  it('matches % and _ literally, in the work order search and the customer typeahead alike', async () => {
    await db.prisma.customer.update({ where: { id: world.otherCustomer.customer.id }, data: { name: 'Olivia 100% Fleet_Care' } });
    expect(await labels('%')).toEqual([oliviaJob.label]);
    expect(await labels('_')).toEqual([oliviaJob.label]);
    expect(await labels('0%')).toEqual([oliviaJob.label]);
    expect(await labels('a_e')).toEqual([]);
    expect(await labels('\\')).toEqual([]);
    const customers = async (search: string) =>
      (await world.api.ok(`query ($search: String) { customers(search: $search) { edges { node { name } } } }`, { search }, world.tokens.dispatcher)).customers.edges.map(
        (edge: { node: { name: string } }) => edge.node.name,
      );
    expect(await customers('%')).toEqual(['Olivia 100% Fleet_Care']);
    expect(await customers('_')).toEqual(['Olivia 100% Fleet_Care']);
    expect(await customers('a_e')).toEqual([]);
  });

  it('answers an over-long search with a validation error, not an internal one', async () => {
    const result = await world.api.request(SEARCH, { filter: { search: 'x'.repeat(101) } }, world.tokens.dispatcher);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
